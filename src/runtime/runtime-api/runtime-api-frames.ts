import { initError } from './init-error.js';
import { invocationError } from './invocation-error.js';
import { emitInvocationHeaders, type InvocationHeaderName, invocationNext } from './invocation-next.js';
import { invocationResponse } from './invocation-response.js';
import { PipeOp } from './pipe-frame.js';
import { limitBody } from './read-body.js';
import type {
  InvocationEvent,
  NextWaiter,
  RuntimeApiContext,
  RuntimeApiReply,
  RuntimeApiRequest,
} from './runtime-api-context.js';

/**
 * The Runtime API as request/answer frames, whatever carries them: the framed pipe of a runtime process
 * (`runtime-api-pipe.ts`) or the MessagePort of a runtime thread (`runtime-api-port.ts`). The operations are
 * the HTTP routes' own (`routes.ts`), on the same session, so no transport can answer differently. Frames are
 * handled one at a time, in order, as HTTP/1.1 handles requests on the client's one keep-alive socket.
 */
export interface RequestFrame {
  readonly op: number;
  /** UTF-8 JSON (`{requestId?, headers?}`) or empty. */
  readonly meta: Buffer | string;
  /** The body, or only its size when it was over the transport's limit (its bytes were thrown away). */
  readonly body: Buffer | { readonly bytes: number };
}

/** How answers travel back. */
export interface FrameLink {
  /** The /next 200: the event, with the /next headers as JSON (lower-case names). */
  sendInvocation(headersJson: string, payload: Buffer): void;
  /** Any other answer: `{status}` and RIE's body, to a request frame of operation `op`. */
  sendReply(reply: RuntimeApiReply, op: number): void;
  /** A spare's function: `{env, cwd}` as JSON. */
  sendAssignment(meta: string): void;
}

export interface FrameServerOptions {
  /**
   * A spare environment (`process-pool/spare-process.ts`) asks for its function with an `awaitAssignment`
   * frame; `assign` answers it with the `assignment` frame. Without this hook the frame is answered 404,
   * as any unknown operation.
   */
  readonly onAwaitAssignment?: (assign: (meta: string) => void) => void;
}

export interface FrameServer {
  push(frame: RequestFrame): void;
  /** The runtime's end went away: a waiting /next is given up. */
  close(): void;
}

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

export function createFrameServer(ctx: RuntimeApiContext, link: FrameLink, options: FrameServerOptions = {}): FrameServer {
  const backlog: RequestFrame[] = [];
  let busy = false;
  let parked: NextWaiter | undefined;

  const handle = (frame: RequestFrame): void | Promise<void> => {
    if (frame.op === PipeOp.next) {
      const waiter: NextWaiter = {
        deliver(event, deadlineMs) {
          parked = undefined;
          link.sendInvocation(invocationHeaderJson(event, deadlineMs), event.payload);
        },
      };
      const refused = invocationNext(ctx, waiter);
      if (refused !== undefined) link.sendReply(refused, frame.op);
      else parked = waiter;
      return;
    }
    if (frame.op === PipeOp.awaitAssignment && options.onAwaitAssignment !== undefined) {
      options.onAwaitAssignment((meta) => link.sendAssignment(meta));
      return;
    }
    const operation = postOperations[frame.op];
    if (operation === undefined) return link.sendReply(NOT_FOUND, frame.op);
    const reply = operation(ctx, frameRequest(frame));
    if (!(reply instanceof Promise)) return link.sendReply(reply, frame.op);
    return reply.then((answer) => link.sendReply(answer, frame.op));
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

  return {
    push(frame) {
      backlog.push(frame);
      drain();
    },
    close() {
      if (parked !== undefined) ctx.releaseNext(parked);
    },
  };
}

function frameRequest(frame: RequestFrame): RuntimeApiRequest {
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

function parseMeta(meta: Buffer | string): RequestMeta {
  if (meta.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(typeof meta === 'string' ? meta : meta.toString('utf8'));
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
