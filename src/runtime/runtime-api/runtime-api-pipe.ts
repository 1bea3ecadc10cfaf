import type { Duplex } from 'node:stream';
import { initError } from './init-error.js';
import { invocationError } from './invocation-error.js';
import { emitInvocationHeaders, type InvocationHeaderName, invocationNext } from './invocation-next.js';
import { invocationResponse } from './invocation-response.js';
import { FrameDecoder, type PipeFrame, PipeOp, writeFrame } from './pipe-frame.js';
import { limitBody } from './read-body.js';
import { MAX_RESPONSE_PAYLOAD_BYTES } from './render.js';
import type {
  InvocationEvent,
  NextWaiter,
  RuntimeApiContext,
  RuntimeApiReply,
  RuntimeApiRequest,
} from './runtime-api-context.js';

type PostOperation = (ctx: RuntimeApiContext, req: RuntimeApiRequest) => RuntimeApiReply | Promise<RuntimeApiReply>;

const postOperations: Readonly<Record<number, PostOperation>> = {
  [PipeOp.response]: invocationResponse,
  [PipeOp.error]: invocationError,
  [PipeOp.initError]: initError,
};

interface RequestMeta {
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const NOT_FOUND: RuntimeApiReply = { status: 404, body: Buffer.from('404 page not found\n') };

export interface RuntimeApiPipeOptions {
  /**
   * A spare environment (`process-pool/spare-process.ts`) asks for its function with an `awaitAssignment`
   * frame; `assign` answers it with the `assignment` frame. Without this hook the frame is answered 404,
   * as any unknown operation.
   */
  readonly onAwaitAssignment?: (assign: (meta: string) => void) => void;
}

/**
 * The Runtime API over a framed pipe (`pipe-frame.ts`), for gatehouse's own Node runtime client: the same
 * endpoint operations on the same session as the HTTP routes, without two loopback HTTP exchanges per invoke.
 * Frames are handled one at a time, in order, as HTTP/1.1 handles requests on the client's one keep-alive socket.
 */
export function attachRuntimeApiPipe(ctx: RuntimeApiContext, pipe: Duplex, options: RuntimeApiPipeOptions = {}): void {
  const backlog: PipeFrame[] = [];
  let busy = false;
  let parked: NextWaiter | undefined;

  // Answers wait for the end of this event-loop turn (or for the event, when one is handed out in the same
  // turn: the runtime's /next came with its response), so they share one write: one wake-up of the runtime.
  let held = false;
  const release = (): void => {
    if (!held) return;
    held = false;
    pipe.uncork();
  };
  const answer = (reply: RuntimeApiReply): void => {
    if (!held) {
      held = true;
      pipe.cork();
      setImmediate(release);
    }
    writeFrame(pipe, PipeOp.reply, `{"status":${reply.status}}`, reply.body);
  };

  const handle = (frame: PipeFrame): void | Promise<void> => {
    if (frame.op === PipeOp.next) {
      const waiter: NextWaiter = {
        deliver(event, deadlineMs) {
          parked = undefined;
          writeFrame(pipe, PipeOp.invocation, invocationHeaderJson(event, deadlineMs), event.payload);
          release();
        },
      };
      const refused = invocationNext(ctx, waiter);
      if (refused !== undefined) answer(refused);
      else parked = waiter;
      return;
    }
    if (frame.op === PipeOp.awaitAssignment && options.onAwaitAssignment !== undefined) {
      options.onAwaitAssignment((meta) => writeFrame(pipe, PipeOp.assignment, meta, undefined));
      return;
    }
    const operation = postOperations[frame.op];
    if (operation === undefined) return answer(NOT_FOUND);
    const reply = operation(ctx, pipeRequest(frame));
    if (!(reply instanceof Promise)) return answer(reply);
    return reply.then(answer);
  };

  const drain = (): void => {
    while (!busy) {
      const frame = backlog.shift();
      if (frame === undefined) return;
      const handled = handle(frame);
      if (handled instanceof Promise) {
        busy = true;
        void handled.finally(() => {
          busy = false;
          drain();
        });
      }
    }
  };

  const decoder = new FrameDecoder(
    MAX_RESPONSE_PAYLOAD_BYTES,
    (frame) => {
      backlog.push(frame);
      drain();
    },
    () => pipe.destroy(),
  );
  pipe.on('data', (chunk: Buffer) => decoder.push(chunk));
  // The runtime's end of the pipe goes away with its process; the environment learns that from 'exit'.
  pipe.on('error', () => {});
  pipe.once('close', () => {
    if (parked !== undefined) ctx.releaseNext(parked);
  });
}

function pipeRequest(frame: PipeFrame): RuntimeApiRequest {
  const meta = parseMeta(frame.meta);
  return {
    requestId: meta.requestId ?? '',
    header: (name) => {
      const value = meta.headers?.[name];
      return typeof value === 'string' && value !== '' ? value : undefined;
    },
    readBody: (limit) => limitBody(frame.body, limit),
    discardBody: () => {},
  };
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

/** Header names as Node's HTTP client presents them to a runtime (lower case), JSON-quoted once. */
const jsonNames: Readonly<Record<InvocationHeaderName, string>> = {
  'Lambda-Runtime-Aws-Request-Id': '"lambda-runtime-aws-request-id"',
  'Lambda-Runtime-Trace-Id': '"lambda-runtime-trace-id"',
  'Lambda-Runtime-Client-Context': '"lambda-runtime-client-context"',
  'Lambda-Runtime-Cognito-Identity': '"lambda-runtime-cognito-identity"',
  'Lambda-Runtime-Invoked-Function-Arn': '"lambda-runtime-invoked-function-arn"',
  'Lambda-Runtime-Deadline-Ms': '"lambda-runtime-deadline-ms"',
  'Content-Type': '"content-type"',
  'Content-Length': '"content-length"',
};

/** The /next headers (the same ones, from `emitInvocationHeaders`) as the JSON meta of an invocation frame. */
function invocationHeaderJson(event: InvocationEvent, deadlineMs: number): string {
  let json = '';
  emitInvocationHeaders(event, deadlineMs, (name, value) => {
    json += `,${jsonNames[name]}:${JSON.stringify(value)}`;
  });
  return `{${json.slice(1)}}`;
}
