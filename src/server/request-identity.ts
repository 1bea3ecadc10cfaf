import { randomFillSync, randomUUID } from 'node:crypto';
import type { RequestIdentity } from '../integrations/lambda-proxy/build-proxy-event.js';
import { type GatewayRequest, headerValue } from '../pipeline/http-message.js';

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
          .padStart(8, '0')}-${randomChunk(12).toString('hex')}`;
  return {
    requestId: randomUUID(),
    extendedRequestId: `${randomChunk(12).toString('base64url').slice(0, 15)}=`,
    traceId,
    requestTimeEpoch: now,
    accountId,
  };
}

const TRACE_ROOT = /Root=1-[0-9a-f]{8}-[0-9a-f]{24}/;

/**
 * Random bytes from a pool filled 4 KiB at a time (as randomUUID does internally): one getrandom per ~170
 * requests instead of two per request. The ids stay as random as before.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomChunk(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const chunk = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return chunk;
}
