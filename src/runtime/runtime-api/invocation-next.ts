import { renderInvalidStateTransition } from './render.js';
import type { InvocationEvent, NextWaiter, RuntimeApiContext, RuntimeApiReply } from './runtime-api-context.js';

/**
 * GET /2018-06-01/runtime/invocation/next: blocks until there is an event.
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-next
 * RIE: `rapi/handler/invocationnext.go` (403 InvalidStateTransition when `Ready` is not allowed).
 * Returns the refusal, or undefined once the waiter is parked (it gets the event later).
 */
export function invocationNext(ctx: RuntimeApiContext, waiter: NextWaiter): RuntimeApiReply | undefined {
  if (ctx.hasParkedNext) {
    // Observed: RIE's behaviour for two concurrent /next calls is undefined; gatehouse refuses the second.
    return renderInvalidStateTransition(ctx.state.name, 'Ready');
  }
  const outcome = ctx.state.transition('ready');
  if (!outcome.ok) return renderInvalidStateTransition(outcome.from, outcome.to);
  ctx.events.onNext();
  ctx.parkNext(waiter);
  return undefined;
}

export type InvocationHeaderName =
  | 'Lambda-Runtime-Aws-Request-Id'
  | 'Lambda-Runtime-Trace-Id'
  | 'Lambda-Runtime-Client-Context'
  | 'Lambda-Runtime-Cognito-Identity'
  | 'Lambda-Runtime-Invoked-Function-Arn'
  | 'Lambda-Runtime-Deadline-Ms'
  | 'Content-Type'
  | 'Content-Length';

/**
 * The /next response headers, in order (lambda.md §2.1; RIE `rendering.go` renderInvokeHeaders: only when
 * non-empty). Every transport renders them from here; `emit` avoids building an object per invoke.
 */
export function emitInvocationHeaders(
  event: InvocationEvent,
  deadlineMs: number,
  emit: (name: InvocationHeaderName, value: string) => void,
): void {
  emit('Lambda-Runtime-Aws-Request-Id', event.requestId);
  if (event.traceId) emit('Lambda-Runtime-Trace-Id', event.traceId);
  if (event.clientContext) emit('Lambda-Runtime-Client-Context', event.clientContext);
  if (event.cognitoIdentity) emit('Lambda-Runtime-Cognito-Identity', event.cognitoIdentity);
  if (event.invokedFunctionArn) emit('Lambda-Runtime-Invoked-Function-Arn', event.invokedFunctionArn);
  emit('Lambda-Runtime-Deadline-Ms', String(deadlineMs));
  emit('Content-Type', event.contentType || 'application/json');
  emit('Content-Length', String(event.payload.length));
}

/** The /next headers as an object, for node:http's `writeHead`. */
export function invocationHeaders(event: InvocationEvent, deadlineMs: number): Record<string, string> {
  const headers: Record<string, string> = {};
  emitInvocationHeaders(event, deadlineMs, (name, value) => {
    headers[name] = value;
  });
  return headers;
}
