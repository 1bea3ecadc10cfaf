import type { IncomingMessage, ServerResponse } from 'node:http';
import { initError } from './init-error.js';
import { invocationError } from './invocation-error.js';
import { invocationNext } from './invocation-next.js';
import { invocationResponse } from './invocation-response.js';
import { renderMethodNotAllowed, renderNotFound } from './render.js';
import type { RuntimeApiContext } from './runtime-api-context.js';

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

/**
 * The Lambda Runtime API, version 2018-06-01, as AWS documents it:
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 */
export const runtimeApiRoutes: readonly Route[] = [
  { method: 'GET', path: /^\/2018-06-01\/runtime\/invocation\/next$/, handler: invocationNext },
  { method: 'POST', path: /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/response$/, handler: invocationResponse },
  { method: 'POST', path: /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/error$/, handler: invocationError },
  { method: 'POST', path: /^\/2018-06-01\/runtime\/init\/error$/, handler: initError },
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

function decodeRequestId(raw: string | undefined): string {
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
