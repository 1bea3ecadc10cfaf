// @ts-check
/**
 * The Runtime API over the framed pipe gatehouse gives its own Node runtime (fd 3). Same operations, same
 * order, same answers as over HTTP; frames as `src/runtime/runtime-api/pipe-frame.ts` defines them:
 *
 *   frame := length:u32be op:u8 metaLength:u32be meta:byte[metaLength] body:byte[length - 5 - metaLength]
 *
 * Like the HTTP agent's idle socket, the pipe is unreferenced while nothing waits for an answer, so a
 * handler's empty event loop is still noticed (`beforeExit`, callbackWaitsForEmptyEventLoop).
 */
import net from 'node:net';
import { requestMeta } from './request-meta.mjs';

const OP_NEXT = 1;
const OP_RESPONSE = 2;
const OP_ERROR = 3;
const OP_INIT_ERROR = 4;
const OP_AWAIT_ASSIGNMENT = 5;
const OP_INVOCATION = 16;
const OP_ASSIGNMENT = 18;
const HEADER_BYTES = 9;
const NO_META = '';

/** @type {Record<import('./runtime-api-client.mjs').PostOperation, number>} */
const postOps = { response: OP_RESPONSE, error: OP_ERROR, 'init-error': OP_INIT_ERROR };

/** @typedef {{ op: number, meta: Buffer, body: Buffer }} Frame */

/** @implements {import('./runtime-api-client.mjs').RuntimeApiTransport} */
export class PipeTransport {
  /** @type {Array<{ resolve: (frame: Frame) => void, reject: (error: Error) => void }>} */
  #waiting = [];
  /** @type {Buffer[]} */
  #chunks = [];
  #buffered = 0;
  #closed = false;
  #socket;

  /** @param {number} fd */
  constructor(fd) {
    this.#socket = new net.Socket({ fd, readable: true, writable: true });
    this.#socket.on('data', (/** @type {Buffer} */ chunk) => this.#receive(chunk));
    this.#socket.on('error', () => this.#close());
    this.#socket.on('close', () => this.#close());
    this.#socket.unref();
  }

  /** @returns {Promise<import('./runtime-api-client.mjs').NextInvocation>} */
  nextInvocation() {
    return new Promise((resolve, reject) => {
      this.#request(
        OP_NEXT,
        NO_META,
        undefined,
        (frame) => {
          // A refused /next (never sent by this client) carries no event headers, as over HTTP.
          if (frame.op !== OP_INVOCATION) resolve({ body: frame.body, headers: {} });
          else resolve({ body: frame.body, headers: JSON.parse(frame.meta.toString('utf8')) });
        },
        reject,
      );
    });
  }

  /**
   * A spare environment's wait for its function (not a Runtime API operation; spare-assignment.mjs). The pipe
   * stays referenced while it waits, so the process does too.
   * @returns {Promise<{ env: Record<string, string>, cwd: string }>}
   */
  awaitAssignment() {
    return new Promise((resolve, reject) => {
      this.#request(
        OP_AWAIT_ASSIGNMENT,
        NO_META,
        undefined,
        (frame) => {
          if (frame.op !== OP_ASSIGNMENT) reject(new Error(`Expected an assignment, got frame ${frame.op}`));
          else resolve(JSON.parse(frame.meta.toString('utf8')));
        },
        reject,
      );
    });
  }

  /**
   * `callback` runs once gatehouse has answered, as over HTTP, since it may exit the process (errors). A
   * response's callback only asks for the next event: it runs at once, and the response is held until the
   * end of this event-loop turn so that the GET /next it schedules shares its write (one wake-up of gatehouse,
   * which still handles them in order, response first).
   * @param {import('./runtime-api-client.mjs').PostOperation} operation @param {string} id
   * @param {string | Buffer} body @param {Record<string, string>} headers @param {() => void} callback
   */
  post(operation, id, body, headers, callback) {
    const meta = requestMeta(id, headers);
    // The platform went away: nothing left to report to.
    const closed = () => process.exit(1);
    if (operation !== 'response') {
      this.#request(postOps[operation], meta, body, () => callback(), closed);
      return;
    }
    this.#socket.cork();
    this.#request(OP_RESPONSE, meta, body, () => {}, closed);
    callback();
    setImmediate(() => this.#socket.uncork());
  }

  /**
   * Sends one request frame; `onAnswer` gets the answer frame (answers come in request order).
   * @param {number} op @param {string} meta @param {string | Buffer | undefined} body
   * @param {(frame: Frame) => void} onAnswer @param {(error: Error) => void} onClosed
   */
  #request(op, meta, body, onAnswer, onClosed) {
    if (this.#closed) {
      onClosed(new Error('The Runtime API pipe is closed'));
      return;
    }
    if (this.#waiting.push({ resolve: onAnswer, reject: onClosed }) === 1) this.#socket.ref();
    this.#write(op, meta, body);
  }

  /** @param {number} op @param {string} meta @param {string | Buffer | undefined} body */
  #write(op, meta, body) {
    const metaBytes = Buffer.byteLength(meta);
    const bodyBytes = body === undefined ? 0 : Buffer.byteLength(body);
    const head = Buffer.allocUnsafe(HEADER_BYTES + metaBytes);
    head.writeUInt32BE(5 + metaBytes + bodyBytes, 0);
    head.writeUInt8(op, 4);
    head.writeUInt32BE(metaBytes, 5);
    head.write(meta, HEADER_BYTES, 'utf8');
    if (body === undefined || bodyBytes === 0) {
      this.#socket.write(head);
      return;
    }
    this.#socket.cork();
    this.#socket.write(head);
    this.#socket.write(body);
    this.#socket.uncork();
  }

  /** @param {Buffer} chunk */
  #receive(chunk) {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    while (this.#buffered >= HEADER_BYTES) {
      const first = this.#chunks[0];
      if (first === undefined) return;
      const head = first.length >= HEADER_BYTES ? first : this.#peek(HEADER_BYTES);
      const length = head.readUInt32BE(0);
      if (this.#buffered < 4 + length) return;
      const frame = this.#take(4 + length);
      const metaLength = frame.readUInt32BE(5);
      const waiter = this.#waiting.shift();
      if (this.#waiting.length === 0) this.#socket.unref();
      waiter?.resolve({
        op: frame.readUInt8(4),
        meta: frame.subarray(HEADER_BYTES, HEADER_BYTES + metaLength),
        body: frame.subarray(HEADER_BYTES + metaLength),
      });
    }
  }

  /** @param {number} n */
  #peek(n) {
    return Buffer.concat(this.#chunks).subarray(0, n);
  }

  /** The next `n` bytes: a view when one chunk holds them, one copy otherwise. @param {number} n */
  #take(n) {
    this.#buffered -= n;
    const first = /** @type {Buffer} */ (this.#chunks[0]);
    if (first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const all = Buffer.concat(this.#chunks);
    this.#chunks = all.length > n ? [all.subarray(n)] : [];
    return all.subarray(0, n);
  }

  #close() {
    if (this.#closed) return;
    this.#closed = true;
    const error = new Error('The Runtime API pipe is closed');
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }
}
