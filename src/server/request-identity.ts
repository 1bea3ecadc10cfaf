import { randomFillSync } from 'node:crypto';
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

/**
 * Random bytes from a pool filled 4 KiB at a time (as randomUUID does internally): one getrandom per ~100
 * requests instead of several per request. The ids stay as random as before. They are formatted straight from the
 * pool (no Buffer view per id).
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** Where `size` fresh random bytes start in `pool`. */
function takeRandom(size: number): number {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += size;
  return start;
}

function randomText(size: number, encoding: 'hex' | 'base64url'): string {
  const start = takeRandom(size);
  return pool.toString(encoding, start, start + size);
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const uuidText = Buffer.alloc(36);

/**
 * A random (version 4) UUID, as crypto.randomUUID makes it: 122 random bits, the version and variant bits set
 * (RFC 9562 §5.4). Written into one buffer and read out as one string: randomUUID builds it from 20 pieces,
 * which is most of the garbage an id makes.
 */
function randomUuid(): string {
  const start = takeRandom(16);
  let at = 0;
  for (let i = 0; i < 16; i++) {
    let byte = pool[start + i] as number;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    if (i === 4 || i === 6 || i === 8 || i === 10) uuidText[at++] = 0x2d;
    uuidText[at++] = HEX_DIGITS[byte >> 4] as number;
    uuidText[at++] = HEX_DIGITS[byte & 0x0f] as number;
  }
  return uuidText.toString('latin1');
}
