/**
 * The headers an HTTP API puts on every response (captured over HTTP/1.1, docs/research/http-api-behaviour.md §3):
 * `Date`, `Content-Type`, `Content-Length`, `Connection: keep-alive` capitalised, then the integration's headers,
 * then `apigw-requestid` (lower-case, last). Whether function header names keep their casing on HTTP/1.1 is
 * not established (every capture was HTTP/2); they are kept as the function wrote them.
 */
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { InvocationContext } from '../context.js';
import { httpDate } from '../http-date.js';
import type { GatewayResponse } from '../http-message.js';

/** Header names the gateway owns: a function's value for them cannot be sent. */
const OWNED = new Set(['connection', 'content-length', 'date', 'transfer-encoding']);
/**
 * What an HTTP/1.1 field value cannot carry (RFC 9110 §5.5; Node's writeHead refuses the same): CR and LF (they would
 * inject header lines), other control characters, and characters beyond Latin-1. Such a header is dropped and
 * the trace says so; the rest of the response goes out.
 */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface HttpApiResponseParts {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  /** Used when the headers carry no Content-Type; undefined sends none. */
  readonly defaultContentType: string | undefined;
}

export function finalizeHttpApiResponse(
  parts: HttpApiResponseParts,
  identity: RequestIdentity,
  ctx: InvocationContext,
): GatewayResponse {
  let contentType = parts.defaultContentType;
  // The integration's lines go straight into the answer (no second list to copy); the Content-Type line, second
  // when there is one, is put in once every header has been read.
  const headers: [string, string][] = [
    ['Date', httpDate()],
    ['Content-Length', String(parts.body.length)],
    ['Connection', 'keep-alive'],
  ];
  for (const [name, value] of parts.headers) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name) || INVALID_VALUE.test(value) || OWNED.has(lower)) {
      ctx.notice('RESPONSE_HEADER_DROPPED', `header ${JSON.stringify(name)} with value ${JSON.stringify(value)} was not sent`);
      continue;
    }
    if (lower === 'content-type') {
      contentType = value;
      continue;
    }
    headers.push([name, value]);
  }
  if (contentType !== undefined) headers.splice(1, 0, ['Content-Type', contentType]);
  headers.push(['apigw-requestid', identity.extendedRequestId]);
  return { status: parts.status, headers, body: parts.body };
}
