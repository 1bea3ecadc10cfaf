// @ts-check
/**
 * The Runtime API over a MessagePort, for a runtime that gatehouse runs in a worker thread
 * (docs/decisions/0004-thread-environments.md). The same operations, order and answers as the pipe
 * (pipe-transport.mjs) except that responses are not answered; a message holds one frame or more, mostly as
 * text (port-message.mjs), with the event and the results as strings (cloning a string is one copy; a Buffer
 * would drag its whole pooled ArrayBuffer along). Responses, errors and the first /next carry the isolate's
 * memory: a thread has no RSS of its own, so that is its `Max Memory Used`.
 *
 * Like the pipe, the port is unreferenced while nothing waits for an answer, so a handler's empty event loop
 * is still noticed (`beforeExit`, callbackWaitsForEmptyEventLoop).
 */
import v8 from 'node:v8';
import { decodePortMessage, encodePortMessage } from './port-message.mjs';
import { lowerCaseHeaders } from './request-meta.mjs';
import { warnOnTimeZoneChange } from './thread-environment.mjs';

const OP_NEXT = 1;
const OP_RESPONSE = 2;
const OP_ERROR = 3;
const OP_INIT_ERROR = 4;
const OP_AWAIT_ASSIGNMENT = 5;
/** runtime → gatehouse, no answer: bytes the function wrote to stdout (meta `1`) or stderr (`2`). */
const OP_OUTPUT = 7;
/** runtime → gatehouse, no answer: the function sent its own process this signal (meta: its name). */
const OP_SIGNAL = 8;
/** How often memory outside V8's heap limit (Buffers, ArrayBuffers) is checked while an invoke runs. */
const MEMORY_CHECK_MS = 25;
const OP_INVOCATION = 16;
const OP_ASSIGNMENT = 18;

/** @type {Record<import('./runtime-api-client.mjs').PostOperation, number>} */
const postOps = { response: OP_RESPONSE, error: OP_ERROR, 'init-error': OP_INIT_ERROR };

/** @typedef {import('./port-message.mjs').ListFrame} PortFrame */

/** Strings travel as they are; a Buffer as a copy of its own bytes, not of the pool it may sit in. @param {string | Buffer | undefined} body */
function portBody(body) {
  return typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
}

/** Bytes the isolate holds: V8's heap plus memory V8 knows is held for it (Buffers, ArrayBuffers). */
function heapBytes() {
  const stats = v8.getHeapStatistics();
  return stats.total_heap_size + stats.external_memory;
}

/** @implements {import('./runtime-api-client.mjs').RuntimeApiTransport} */
export class PortTransport {
  /** @type {Array<{ resolve: (frame: PortFrame) => void, reject: (error: Error) => void }>} */
  #waiting = [];
  #closed = false;
  #port;
  /** Frames held for one message (a response and the next /next). @type {PortFrame[] | undefined} */
  #outbox;
  /** @type {NodeJS.Timeout | undefined} */
  #memoryCheck;
  #invoking = false;
  #initDone = false;

  /** @param {import('node:worker_threads').MessagePort} port */
  constructor(port) {
    this.#port = port;
    port.on('message', (/** @type {string | PortFrame[]} */ message) => this.#receive(decodePortMessage(message)));
    port.on('close', () => this.#close());
    port.unref();
  }

  /** @returns {Promise<import('./runtime-api-client.mjs').NextInvocation>} */
  nextInvocation() {
    warnOnTimeZoneChange();
    // The first /next ends init: it carries the memory init left behind (a thread's Max Memory Used so far).
    const heap = this.#initDone ? undefined : heapBytes();
    this.#initDone = true;
    return new Promise((resolve, reject) => {
      this.#request(
        OP_NEXT,
        '',
        undefined,
        ([op, meta, body]) => {
          const bytes = body ?? '';
          if (op !== OP_INVOCATION) {
            resolve({ body: Buffer.from(bytes), headers: {} });
            return;
          }
          this.#watchMemory();
          resolve({ body: typeof bytes === 'string' ? bytes : Buffer.from(bytes), headers: JSON.parse(meta) });
        },
        reject,
        heap,
      );
    });
  }

  /** A spare environment's wait for its function (spare-assignment.mjs). @returns {Promise<{ env: Record<string, string>, cwd: string }>} */
  awaitAssignment() {
    return new Promise((resolve, reject) => {
      this.#request(
        OP_AWAIT_ASSIGNMENT,
        '',
        undefined,
        ([op, meta]) => {
          if (op !== OP_ASSIGNMENT) reject(new Error(`Expected an assignment, got frame ${op}`));
          else resolve(JSON.parse(meta));
        },
        reject,
      );
    });
  }

  /**
   * As over the pipe: `callback` runs once gatehouse has answered, except after a response, which gatehouse
   * does not answer on the port (its callback only asks for the next event). The response is held until the
   * end of this event-loop turn, after that callback has asked for the next event, so both travel in one
   * message: one wake-up of gatehouse per invoke in each direction.
   * @param {import('./runtime-api-client.mjs').PostOperation} operation @param {string} id
   * @param {string | Buffer} body @param {Record<string, string>} headers @param {() => void} callback
   */
  post(operation, id, body, headers, callback) {
    this.#invoking = false;
    const closed = () => process.exit(1);
    if (operation !== 'response') {
      this.#request(postOps[operation], id, body, () => callback(), closed, heapBytes(), lowerCaseHeaders(headers));
      return;
    }
    if (this.#closed) closed();
    this.#outbox ??= [];
    this.#outbox.push([OP_RESPONSE, id, portBody(body), heapBytes()]);
    callback();
    setImmediate(() => this.#flush());
  }

  /**
   * Output of the function, on the same port as its results, so every line written before a response reaches
   * gatehouse before it (as a process's pipe delivers it before its next /next, lambda.md §1.3).
   * @param {1 | 2} fd @param {string | Uint8Array} data
   */
  output(fd, data) {
    if (this.#closed) return;
    /** @type {PortFrame} */
    const frame = [OP_OUTPUT, fd === 1 ? '1' : '2', typeof data === 'string' ? data : new Uint8Array(data)];
    if (this.#outbox !== undefined) this.#outbox.push(frame);
    else this.#port.postMessage(encodePortMessage([frame]));
  }

  /**
   * The function signalled its own process: gatehouse ends this thread as the signal would end a process.
   * The thread waits here, running nothing more, until it is terminated.
   * @param {string} signal @param {'out-of-memory'} [reason] @returns {never}
   */
  die(signal, reason) {
    this.#flush();
    this.#port.postMessage(encodePortMessage([[OP_SIGNAL, signal, reason]]));
    const never = new Int32Array(new SharedArrayBuffer(4));
    for (;;) Atomics.wait(never, 0, 0);
  }

  /**
   * V8's heap limit stops a thread whose heap outgrows MemorySize; Buffers live outside it. While an invoke
   * runs, their total is checked as a process's RSS would be (the check is unreferenced: it never keeps an
   * empty event loop alive). Above MemorySize the environment dies as an out-of-memory process does.
   */
  #watchMemory() {
    this.#invoking = true;
    if (this.#memoryCheck !== undefined) return;
    // Read when a check starts: a spare thread learns its function's MemorySize only at its assignment.
    const limitBytes = Number.parseInt(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '', 10) * 1024 * 1024;
    if (!(limitBytes > 0)) return;
    // One timer, re-armed while invokes run and dropped at the first check that finds none running: back-to-back
    // short invokes do not each create and clear a timer.
    const timer = setTimeout(() => {
      if (!this.#invoking) {
        this.#memoryCheck = undefined;
        return;
      }
      if (heapBytes() > limitBytes) this.die('SIGKILL', 'out-of-memory');
      timer.refresh();
    }, MEMORY_CHECK_MS);
    timer.unref();
    this.#memoryCheck = timer;
  }

  /**
   * @param {number} op @param {string} meta @param {string | Buffer | undefined} body
   * @param {(frame: PortFrame) => void} onAnswer @param {(error: Error) => void} onClosed
   * @param {number} [heap] the isolate's memory, sent with results and errors (`Max Memory Used`)
   * @param {Record<string, string>} [headers] an error's headers, lower-case names
   */
  #request(op, meta, body, onAnswer, onClosed, heap, headers) {
    if (this.#closed) {
      onClosed(new Error('The Runtime API port is closed'));
      return;
    }
    if (this.#waiting.push({ resolve: onAnswer, reject: onClosed }) === 1) this.#port.ref();
    /** @type {PortFrame} */
    const frame = [op, meta, portBody(body), heap, headers];
    if (this.#outbox !== undefined) {
      this.#outbox.push(frame);
      this.#flush();
    } else {
      this.#port.postMessage(encodePortMessage([frame]));
    }
  }

  #flush() {
    const frames = this.#outbox;
    if (frames === undefined) return;
    this.#outbox = undefined;
    if (!this.#closed) this.#port.postMessage(encodePortMessage(frames));
  }

  /** @param {PortFrame} frame */
  #receive(frame) {
    const waiter = this.#waiting.shift();
    if (this.#waiting.length === 0) this.#port.unref();
    waiter?.resolve(frame);
  }

  #close() {
    if (this.#closed) return;
    this.#closed = true;
    const error = new Error('The Runtime API port is closed');
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }
}
