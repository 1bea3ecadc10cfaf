import type { IncomingMessage, ServerResponse } from 'node:http';
import { initError } from './init-error.js';
import { invocationError } from './invocation-error.js';
import { invocationHeaders, invocationNext } from './invocation-next.js';
import { invocationResponse } from './invocation-response.js';
import { readBody } from './read-body.js';
import { renderMethodNotAllowed, renderNotFound, writeHttpReply } from './render.js';
import type { NextWaiter, RuntimeApiContext, RuntimeApiReply, RuntimeApiRequest } from './runtime-api-context.js';

type EndpointHandler = (
  ctx: RuntimeApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
) => void | Promise<void>;

interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  readonly handler: EndpointHandler;
}

type PostOperation = (ctx: RuntimeApiContext, req: RuntimeApiRequest) => RuntimeApiReply | Promise<RuntimeApiReply>;

/**
 * The Lambda Runtime API, version 2018-06-01, as AWS documents it:
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 * Each route adapts HTTP to the endpoint's operation; `runtime-api-pipe.ts` adapts the pipe to the same ones.
 */
export const runtimeApiRoutes: readonly Route[] = [
  { method: 'GET', path: /^\/2018-06-01\/runtime\/invocation\/next$/, handler: httpNext },
  { method: 'POST', path: /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/response$/, handler: httpPost(invocationResponse) },
  { method: 'POST', path: /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/error$/, handler: httpPost(invocationError) },
  { method: 'POST', path: /^\/2018-06-01\/runtime\/init\/error$/, handler: httpPost(initError) },
];

export function routeRuntimeApiRequest(ctx: RuntimeApiContext, req: IncomingMessage, res: ServerResponse): void | Promise<void> {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  let pathMatched = false;
  for (const route of runtimeApiRoutes) {
    const match = route.path.exec(path);
    if (match === null) continue;
    pathMatched = true;
    if (route.method !== req.method) continue;
    return route.handler(ctx, req, res, decodeRequestId(match[1]));
  }
  req.resume();
  if (pathMatched) renderMethodNotAllowed(res);
  else renderNotFound(res);
}

/** GET /next over HTTP: the response is held open until an event comes (or the connection closes). */
function httpNext(ctx: RuntimeApiContext, _req: IncomingMessage, res: ServerResponse): void {
  const waiter: NextWaiter = {
    deliver(event, deadlineMs) {
      res.writeHead(200, invocationHeaders(event, deadlineMs));
      res.end(event.payload);
    },
  };
  const refused = invocationNext(ctx, waiter);
  if (refused !== undefined) {
    writeHttpReply(res, refused);
    return;
  }
  res.once('close', () => ctx.releaseNext(waiter));
}

function httpPost(operation: PostOperation): EndpointHandler {
  return (ctx, req, res, requestId) => {
    const request: RuntimeApiRequest = {
      requestId,
      header: (name) => {
        const value = req.headers[name];
        return typeof value === 'string' && value !== '' ? value : undefined;
      },
      readBody: (limit) => readBody(req, limit),
      discardBody: () => req.resume(),
    };
    const reply = operation(ctx, request);
    if (!(reply instanceof Promise)) return writeHttpReply(res, reply);
    return reply.then((done) => writeHttpReply(res, done));
  };
}

function decodeRequestId(raw: string | undefined): string {
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
