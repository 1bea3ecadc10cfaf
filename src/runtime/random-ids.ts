import { randomFillSync } from 'node:crypto';

/**
 * Random bytes from a pool filled 4 KiB at a time (as randomUUID does internally): one getrandom per ~100
 * requests instead of several per request, for the gateway's request ids and the runtime's trace headers alike.
 * The ids stay as random as before. They are formatted straight from the pool (no Buffer view per id).
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

export function randomText(size: number, encoding: 'hex' | 'base64url'): string {
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
export function randomUuid(): string {
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
