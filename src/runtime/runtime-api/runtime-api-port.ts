import type { MessagePort } from 'node:worker_threads';
import { payloadText } from '../payload-text.js';
import { PipeOp } from './pipe-frame.js';
import { encodePortFrame, type PortBody, type PortHeaders, type PortMessage, readPortMessage } from './port-message.js';
import type { RuntimeApiContext } from './runtime-api-context.js';
import { createFrameServer, type FrameServerOptions, type RequestFrame } from './runtime-api-frames.js';

export interface RuntimeApiPortOptions extends FrameServerOptions {
  /** The isolate's heap size sent with each response: a thread's `Max Memory Used`. */
  readonly onHeapBytes?: (bytes: number) => void;
  /** What the function wrote to stdout (1) or stderr (2), in order with its results. */
  readonly onOutput?: (fd: 1 | 2, chunk: Buffer) => void;
  /**
   * The function sent its own process a signal (or aborted), or its memory outgrew MemorySize
   * (`out-of-memory`): the thread waits to be ended.
   */
  readonly onSignal?: (signal: string, reason: 'out-of-memory' | undefined) => void;
}

/**
 * The Runtime API over the MessagePort of a runtime running in a worker thread (decision 0004): the frames of
 * the pipe (`runtime-api-frames.ts`), in the port's own messages (`port-message.ts`).
 */
export function attachRuntimeApiPort(ctx: RuntimeApiContext, port: MessagePort, options: RuntimeApiPortOptions = {}): void {
  const server = createFrameServer(
    ctx,
    {
      sendInvocation(headersJson, payload) {
        port.postMessage(encodePortFrame(PipeOp.invocation, headersJson, payloadText(payload)));
      },
      sendReply(reply, op) {
        // The thread's client does not wait for an answer to a response (port-transport.mjs): none is sent,
        // which spares the thread a wake-up per invoke.
        if (op === PipeOp.response) return;
        port.postMessage(encodePortFrame(PipeOp.reply, `{"status":${reply.status}}`, reply.body.toString('utf8')));
      },
      sendAssignment(meta) {
        port.postMessage(encodePortFrame(PipeOp.assignment, meta, undefined));
      },
    },
    options,
  );
  const receive = (op: number, meta: string, body: PortBody, heapBytes: number | undefined, headers: PortHeaders | undefined) => {
    if (op === PipeOp.output) {
      if (body !== undefined) options.onOutput?.(meta === '1' ? 1 : 2, bytesOf(body));
      return;
    }
    if (op === PipeOp.signal) {
      options.onSignal?.(meta, body === 'out-of-memory' ? body : undefined);
      return;
    }
    if (heapBytes !== undefined) options.onHeapBytes?.(heapBytes);
    server.push({ op, requestId: meta, headers, body: frameBody(body) } satisfies RequestFrame);
  };
  // The thread sends a response and its next /next in one message.
  port.on('message', (message: PortMessage) => readPortMessage(message, receive));
  port.once('close', () => server.close());
}

function bytesOf(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Text stays text: a result is read as text by the gateway, and its bytes are only made for a reader of the
 * invoke's payload (`payload-text.ts`); the endpoint's limit counts its UTF-8 bytes (`limitBody`).
 */
function frameBody(body: PortBody): RequestFrame['body'] {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? body : bytesOf(body);
}
