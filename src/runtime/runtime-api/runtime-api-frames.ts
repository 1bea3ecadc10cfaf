import type { PostedPayload } from '../payload-text.js';
import { initError } from './init-error.js';
import { invocationError } from './invocation-error.js';
import { invocationHeaderJson, invocationNext } from './invocation-next.js';
import { invocationResponse } from './invocation-response.js';
import { PipeOp } from './pipe-frame.js';
import { limitBody, type ReadBodyResult } from './read-body.js';
import type { NextWaiter, RuntimeApiContext, RuntimeApiReply, RuntimeApiRequest } from './runtime-api-context.js';

/**
 * The Runtime API as request/answer frames, whatever carries them: the framed pipe of a runtime process
 * (`runtime-api-pipe.ts`) or the MessagePort of a runtime thread (`runtime-api-port.ts`). The operations are
 * the HTTP routes' own (`routes.ts`), on the same session, so no transport can answer differently. Frames are
 * handled one at a time, in order, as HTTP/1.1 handles requests on the client's one keep-alive socket.
 */
export interface RequestFrame {
  readonly op: number;
  /** The `{AwsRequestId}` of a response or error; '' for other operations. */
  readonly requestId: string;
  /** Request headers by lower-case name (error and init-error only). */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /**
   * The body (text as a thread posted it), or only its size when it was over the transport's limit (its bytes
   * were thrown away).
   */
  readonly body: PostedPayload | { readonly bytes: number };
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
    const reply = operation(ctx, new FrameRequest(frame));
    if (!(reply instanceof Promise)) return link.sendReply(reply, frame.op);
    return reply.then((answer) => link.sendReply(answer, frame.op));
  };

  const drain = (): void => {
    while (!busy) {
      const frame = backlog.shift();
      if (frame === undefined) return;
      run(frame);
    }
  };

  const run = (frame: RequestFrame): void => {
    const handled = handle(frame);
    if (handled instanceof Promise) {
      busy = true;
      void handled.finally(() => {
        busy = false;
        drain();
      });
    }
  };

  return {
    push(frame) {
      // Frames arrive whole and are mostly handled synchronously: the queue is only used behind a slow one.
      if (busy || backlog.length > 0) backlog.push(frame);
      else run(frame);
    },
    close() {
      if (parked !== undefined) ctx.releaseNext(parked);
    },
  };
}

/** A request frame as the endpoint operations read it (a class: one allocation per frame, no closures). */
class FrameRequest implements RuntimeApiRequest {
  readonly requestId: string;

  constructor(private readonly frame: RequestFrame) {
    this.requestId = frame.requestId;
  }

  header(name: string): string | undefined {
    const value = this.frame.headers?.[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  readBody(limit: number): ReadBodyResult {
    return limitBody(this.frame.body, limit);
  }

  discardBody(): void {}
}
