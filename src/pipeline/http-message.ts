/**
 * A request as it arrives at API Gateway's front door, before any phase touches it. Headers are kept as
 * raw pairs because AWS preserves the client's casing and every repeated value (multiValueHeaders).
 */
export interface GatewayRequest {
  readonly method: string;
  /** The request target as sent: path plus `?query`, percent-encoding untouched. */
  readonly target: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** `HTTP/1.1` */
  readonly protocol: string;
  /** The port the client connected to (X-Forwarded-Port). */
  readonly localPort: number;
}

/** What the client receives: status, header lines in order (a name may repeat), body bytes. */
export interface GatewayResponse {
  readonly status: number;
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: Buffer;
}

/** Last value of a header, matched case-insensitively. */
export function headerValue(headers: GatewayRequest['headers'], name: string): string | undefined {
  const lower = name.toLowerCase();
  let found: string | undefined;
  // Names of another length cannot match: most are skipped without lower-casing them (this runs several times per request).
  for (const [key, value] of headers) if (key.length === lower.length && key.toLowerCase() === lower) found = value;
  return found;
}
