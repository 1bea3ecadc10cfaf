/** One HTTP request to the local Lambda service, read in full (the body up to the Invoke limit). */
export interface ServiceRequest {
  readonly method: string;
  /** The path, still percent-encoded (`/2015-03-31/functions/arn%3Aaws%3A.../invocations`). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names lower-cased, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: RequestBody;
}

/**
 * The request body. Bodies over the largest Invoke limit are counted but not kept (`bytes` undefined), so a
 * flood never buffers without bound.
 */
export interface RequestBody {
  readonly bytes: Buffer | undefined;
  readonly length: number;
}

/** What the service answers: status, headers in AWS's spelling, and the body bytes. */
export interface ServiceResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** A header's value (the first, when repeated), case-insensitively. */
export function headerValue(request: ServiceRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
