import type { RequestIdentity } from '../integrations/lambda-proxy/build-proxy-event.js';
import { type GatewayRequest, headerValue } from '../pipeline/http-message.js';
import { randomText, randomUuid } from '../runtime/random-ids.js';

/**
 * The ids API Gateway gives each request.
 * - requestId: a UUID (requestContext.requestId, `x-amzn-RequestId`);
 * - extendedRequestId: 15 of `[A-Za-z0-9_-]` and `=`, like `UE1rfGuaIE0FW-w=` (captured;
 *   docs/research/aws-recorded-responses.md §8), also sent as `x-amz-apigw-id`;
 * - the X-Ray trace header: a client's `Root=...` is kept; otherwise `Root=1-{8 hex epoch}-{24 hex}`.
 */
export function createRequestIdentity(request: GatewayRequest, accountId: string, now = Date.now()): RequestIdentity {
  const clientTrace = headerValue(request.headers, 'x-amzn-trace-id');
  const traceId =
    clientTrace && TRACE_ROOT.test(clientTrace)
      ? clientTrace
      : `Root=1-${Math.floor(now / 1000)
          .toString(16)
          .padStart(8, '0')}-${randomText(12, 'hex')}`;
  return {
    requestId: randomUuid(),
    extendedRequestId: `${randomText(12, 'base64url').slice(0, 15)}=`,
    traceId,
    requestTimeEpoch: now,
    accountId,
  };
}

const TRACE_ROOT = /Root=1-[0-9a-f]{8}-[0-9a-f]{24}/;
