import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderInvalidStateTransition } from './render.js';
import type { RuntimeApiContext } from './runtime-api-context.js';

/**
 * GET /2018-06-01/runtime/invocation/next: blocks until there is an event.
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-next
 * RIE: `rapi/handler/invocationnext.go` (403 InvalidStateTransition when `Ready` is not allowed).
 */
export function invocationNext(ctx: RuntimeApiContext, _req: IncomingMessage, res: ServerResponse): void {
  if (ctx.hasParkedNext) {
    // Observed: RIE's behaviour for two concurrent /next calls is undefined; gatehouse refuses the second.
    renderInvalidStateTransition(res, ctx.state.name, 'Ready');
    return;
  }
  const outcome = ctx.state.transition('ready');
  if (!outcome.ok) {
    renderInvalidStateTransition(res, outcome.from, outcome.to);
    return;
  }
  ctx.events.onNext();
  ctx.parkNext(res);
}

/** The /next response headers (lambda.md §2.1; RIE `rendering.go` renderInvokeHeaders: only when non-empty). */
export function invocationHeaders(event: {
  readonly requestId: string;
  readonly invokedFunctionArn: string;
  readonly traceId?: string;
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
  readonly contentType?: string;
  readonly payloadBytes: number;
  readonly deadlineMs: number;
}): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'Lambda-Runtime-Aws-Request-Id': event.requestId,
  };
  if (event.traceId) headers['Lambda-Runtime-Trace-Id'] = event.traceId;
  if (event.clientContext) headers['Lambda-Runtime-Client-Context'] = event.clientContext;
  if (event.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = event.cognitoIdentity;
  if (event.invokedFunctionArn) headers['Lambda-Runtime-Invoked-Function-Arn'] = event.invokedFunctionArn;
  headers['Lambda-Runtime-Deadline-Ms'] = String(event.deadlineMs);
  headers['Content-Type'] = event.contentType || 'application/json';
  headers['Content-Length'] = event.payloadBytes;
  return headers;
}
