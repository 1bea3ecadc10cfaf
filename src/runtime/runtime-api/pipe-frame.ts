import type { Writable } from 'node:stream';

/**
 * The frames of the Runtime API pipe between gatehouse and its own Node runtime client (fd 3 of the child,
 * see docs/decisions/0001-execution-environments.md). The same operations as the HTTP Runtime API, one frame
 * per request and one per answer, strictly in order:
 *
 *   frame := length:u32be op:u8 metaLength:u32be meta:byte[metaLength] body:byte[length - 5 - metaLength]
 *
 * `length` counts every byte after itself; `meta` is UTF-8 JSON (or empty); `body` is the payload, byte for
 * byte. `runtime-clients/node/pipe-transport.mjs` is the other end and must agree with this file.
 */
export const PipeOp = {
  /** runtime → gatehouse: GET /next. meta: empty. */
  next: 1,
  /** runtime → gatehouse: POST /invocation/{id}/response. meta: {requestId}. */
  response: 2,
  /** runtime → gatehouse: POST /invocation/{id}/error. meta: {requestId, headers}. */
  error: 3,
  /** runtime → gatehouse: POST /init/error. meta: {headers}. */
  initError: 4,
  /**
   * runtime → gatehouse, a spare environment only (not a Runtime API operation): start-up is done, waiting for
   * a function. meta: empty. Answered by `assignment`.
   */
  awaitAssignment: 5,
  /** runtime thread → gatehouse, no answer (the port only, decision 0004): output. meta: `1` or `2`; body: bytes. */
  output: 7,
  /** runtime thread → gatehouse, no answer (the port only): the function signalled its own process. meta: the signal. */
  signal: 8,
  /** gatehouse → runtime: the /next 200. meta: the /next headers, lower-case names; body: the event. */
  invocation: 16,
  /** gatehouse → runtime: any other answer. meta: {status}; body: RIE's JSON body. */
  reply: 17,
  /** gatehouse → runtime: the function a spare now runs. meta: {env, cwd} (`spare-process.ts`); body: empty. */
  assignment: 18,
} as const;

const HEADER_BYTES = 9;
/** Request meta is an id and two headers; anything bigger is not our client. */
const MAX_META_BYTES = 64 * 1024;

export interface PipeFrame {
  readonly op: number;
  readonly meta: Buffer;
  /** The body, or only its size when it was over the decoder's limit (its bytes were thrown away). */
  readonly body: Buffer | { readonly bytes: number };
}

/** Writes one frame: the header and meta in one buffer, the body untouched, in one corked write. */
export function writeFrame(out: Writable, op: number, meta: string, body: Buffer | undefined): void {
  const metaBytes = Buffer.byteLength(meta);
  const bodyBytes = body?.length ?? 0;
  const head = Buffer.allocUnsafe(HEADER_BYTES + metaBytes);
  head.writeUInt32BE(5 + metaBytes + bodyBytes, 0);
  head.writeUInt8(op, 4);
  head.writeUInt32BE(metaBytes, 5);
  head.write(meta, HEADER_BYTES, 'utf8');
  if (body === undefined || bodyBytes === 0) {
    out.write(head);
    return;
  }
  out.cork();
  out.write(head);
  out.write(body);
  out.uncork();
}

/**
 * Cuts a byte stream into frames. Bodies over `maxBodyBytes` are counted and dropped as they arrive (as the
 * HTTP server drains an over-size POST), so a runtime cannot make gatehouse buffer more than that.
 */
export class FrameDecoder {
  #chunks: Buffer[] = [];
  #buffered = 0;
  #pending: { op: number; metaLength: number; bodyLength: number; meta?: Buffer; skipped: number } | undefined;

  constructor(
    private readonly maxBodyBytes: number,
    private readonly onFrame: (frame: PipeFrame) => void,
    private readonly onMalformed: (reason: string) => void,
  ) {}

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    for (;;) {
      const frame = this.#nextFrame();
      if (frame === undefined) return;
      this.onFrame(frame);
    }
  }

  #nextFrame(): PipeFrame | undefined {
    if (this.#pending === undefined) {
      if (this.#buffered < HEADER_BYTES) return undefined;
      const header = this.#take(HEADER_BYTES);
      const length = header.readUInt32BE(0);
      const metaLength = header.readUInt32BE(5);
      if (metaLength > MAX_META_BYTES || 5 + metaLength > length) {
        this.#chunks = [];
        this.#buffered = 0;
        this.onMalformed(`malformed frame header (length ${length}, meta ${metaLength})`);
        return undefined;
      }
      this.#pending = { op: header.readUInt8(4), metaLength, bodyLength: length - 5 - metaLength, skipped: 0 };
    }
    const pending = this.#pending;
    if (pending.meta === undefined) {
      if (this.#buffered < pending.metaLength) return undefined;
      pending.meta = this.#take(pending.metaLength);
    }
    let body: PipeFrame['body'];
    if (pending.bodyLength > this.maxBodyBytes) {
      const dropped = Math.min(this.#buffered, pending.bodyLength - pending.skipped);
      this.#skip(dropped);
      pending.skipped += dropped;
      if (pending.skipped < pending.bodyLength) return undefined;
      body = { bytes: pending.bodyLength };
    } else {
      if (this.#buffered < pending.bodyLength) return undefined;
      body = this.#take(pending.bodyLength);
    }
    this.#pending = undefined;
    return { op: pending.op, meta: pending.meta, body };
  }

  /** The next `n` buffered bytes: a view when they lie in one chunk, one copy otherwise. */
  #take(n: number): Buffer {
    this.#buffered -= n;
    const first = this.#chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first !== undefined && first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const chunk = this.#chunks[0] as Buffer;
      const used = Math.min(chunk.length, n - at);
      chunk.copy(out, at, 0, used);
      at += used;
      if (used === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(used);
    }
    return out;
  }

  #skip(n: number): void {
    this.#buffered -= n;
    let left = n;
    while (left > 0) {
      const chunk = this.#chunks[0] as Buffer;
      if (chunk.length <= left) {
        left -= chunk.length;
        this.#chunks.shift();
      } else {
        this.#chunks[0] = chunk.subarray(left);
        left = 0;
      }
    }
  }
}
