/**
 * The headers API Gateway itself puts on every REST response (recorded,
 * test_aws_proxy_response_payload_format_validation, test_invocation_trace_id; ../shared/aws/api-gateway.md §8):
 * Date, Content-Type, Content-Length, Connection, x-amzn-RequestId, x-amz-apigw-id and, for Lambda
 * integrations, X-Amzn-Trace-Id. REGIONAL endpoints add no CloudFront headers; gatehouse behaves as one.
 */
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { InvocationContext } from '../context.js';
import { httpDate } from '../http-date.js';
import type { GatewayResponse } from '../http-message.js';

/** Header names API Gateway owns; an integration's value for them is remapped (see RESPONSE_HEADER_REMAPPED). */
const RESERVED = new Set(['connection', 'content-length', 'date', 'server', 'transfer-encoding']);
/**
 * What an HTTP/1.1 field value cannot carry (RFC 9110 §5.5; Node's writeHead refuses the same): CR and LF (they would
 * inject header lines), other control characters, and characters beyond Latin-1. Such a header is dropped and
 * the trace says so; the rest of the response goes out.
 */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface ResponseParts {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  /** Lambda integrations return X-Amzn-Trace-Id; MOCK integrations do not (recorded). */
  readonly withTraceId: boolean;
}

export function finalizeResponse(parts: ResponseParts, identity: RequestIdentity, ctx: InvocationContext): GatewayResponse {
  // The integration's lines go straight into the answer (no second list to copy): the Content-Type line, second,
  // is filled in once every header has been read.
  const contentTypeLine: [string, string] = ['Content-Type', 'application/json'];
  const headers: [string, string][] = [
    ['Date', httpDate()],
    contentTypeLine,
    ['Content-Length', String(parts.body.length)],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', identity.requestId],
  ];
  for (const [name, value] of parts.headers) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name) || INVALID_VALUE.test(value)) {
      ctx.notice('RESPONSE_HEADER_DROPPED', `header ${JSON.stringify(name)} with value ${JSON.stringify(value)} was not sent`);
      continue;
    }
    if (lower === 'content-type') {
      contentTypeLine[1] = value;
      continue;
    }
    if (RESERVED.has(lower)) {
      ctx.notice('RESPONSE_HEADER_REMAPPED', `${name}: ${value} was sent as x-amzn-Remapped-${name}`);
      headers.push([`x-amzn-Remapped-${name}`, value]);
      continue;
    }
    headers.push([name, value]);
  }
  headers.push(['x-amz-apigw-id', identity.extendedRequestId]);
  if (parts.withTraceId) headers.push(['X-Amzn-Trace-Id', identity.traceId]);
  return { status: parts.status, headers, body: parts.body };
}
