import type { Duplex } from 'node:stream';
import { FrameDecoder, type PipeFrame, PipeOp, writeFrame } from './pipe-frame.js';
import { MAX_RESPONSE_PAYLOAD_BYTES } from './render.js';
import type { RuntimeApiContext, RuntimeApiReply } from './runtime-api-context.js';
import { createFrameServer, type FrameServerOptions, type RequestFrame } from './runtime-api-frames.js';

export type RuntimeApiPipeOptions = FrameServerOptions;

/**
 * The Runtime API over a framed pipe (`pipe-frame.ts`), for gatehouse's own Node runtime client in a child
 * process: the same endpoint operations on the same session as the HTTP routes (`runtime-api-frames.ts`),
 * without two loopback HTTP exchanges per invoke.
 */
export function attachRuntimeApiPipe(ctx: RuntimeApiContext, pipe: Duplex, options: RuntimeApiPipeOptions = {}): void {
  // Answers wait for the end of this event-loop turn (or for the event, when one is handed out in the same
  // turn: the runtime's /next came with its response), so they share one write: one wake-up of the runtime.
  let held = false;
  const release = (): void => {
    if (!held) return;
    held = false;
    pipe.uncork();
  };
  const server = createFrameServer(
    ctx,
    {
      sendInvocation(headersJson, payload) {
        writeFrame(pipe, PipeOp.invocation, headersJson, payload);
        release();
      },
      sendReply(reply: RuntimeApiReply) {
        if (!held) {
          held = true;
          pipe.cork();
          setImmediate(release);
        }
        writeFrame(pipe, PipeOp.reply, `{"status":${reply.status}}`, reply.body);
      },
      sendAssignment(meta) {
        writeFrame(pipe, PipeOp.assignment, meta, undefined);
      },
    },
    options,
  );
  const decoder = new FrameDecoder(
    MAX_RESPONSE_PAYLOAD_BYTES,
    (frame) => server.push(requestFrame(frame)),
    () => pipe.destroy(),
  );
  pipe.on('data', (chunk: Buffer) => decoder.push(chunk));
  // The runtime's end of the pipe goes away with its process; the environment learns that from 'exit'.
  pipe.on('error', () => {});
  pipe.once('close', () => server.close());
}

interface RequestMeta {
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A pipe frame's meta is UTF-8 JSON `{requestId?, headers?}` (`pipe-frame.ts`), or empty. */
function requestFrame(frame: PipeFrame): RequestFrame {
  const meta = parseMeta(frame.meta);
  return { op: frame.op, requestId: meta.requestId ?? '', headers: meta.headers, body: frame.body };
}

function parseMeta(meta: Buffer): RequestMeta {
  if (meta.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(meta.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as RequestMeta) : {};
  } catch {
    return {};
  }
}
