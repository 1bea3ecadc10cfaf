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
 * non-empty). HTTP renders them from here; pipe and port frames from `invocationHeaderJson` below, which must
 * stay the same list (test/unit/runtime/invocation-header-json.test.ts checks it byte for byte).
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

/** Printable ASCII without `"` or `\`: text that JSON.stringify would only put in quotes. */
const PLAIN_JSON_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The same headers as `emitInvocationHeaders` (same order, same conditions), as the JSON object a pipe or port
 * frame carries, with the lower-case names Node's HTTP client gives a runtime. Written out in one template per
 * header rather than through `emit`: this runs on the gateway's thread once per invoke, where the callback and a
 * JSON.stringify per value cost about twice as much (measured). The values are plain text in practice (ids,
 * trace header, ARN, content type): one test of them all tells, and other text is stringified as before.
 */
export function invocationHeaderJson(event: InvocationEvent, deadlineMs: number): string {
  const contentType = event.contentType || 'application/json';
  let values = event.requestId + contentType;
  let json = `{"lambda-runtime-aws-request-id":"${event.requestId}"`;
  for (const [name, field] of OPTIONAL_HEADERS) {
    const value = event[field];
    if (!value) continue;
    json += `,"${name}":"${value}"`;
    values += value;
  }
  json += `,"lambda-runtime-deadline-ms":"${deadlineMs}","content-type":"${contentType}","content-length":"${event.payload.length}"}`;
  return PLAIN_JSON_TEXT.test(values) ? json : JSON.stringify(invocationHeaderObject(event, deadlineMs));
}

/** The headers sent only when set, in `emitInvocationHeaders`'s order, by lower-case name. */
const OPTIONAL_HEADERS = [
  ['lambda-runtime-trace-id', 'traceId'],
  ['lambda-runtime-client-context', 'clientContext'],
  ['lambda-runtime-cognito-identity', 'cognitoIdentity'],
  ['lambda-runtime-invoked-function-arn', 'invokedFunctionArn'],
] as const satisfies readonly (readonly [string, keyof InvocationEvent])[];

/** The headers by lower-case name, for text that needs escaping (JSON.stringify keeps the insertion order). */
function invocationHeaderObject(event: InvocationEvent, deadlineMs: number): Record<string, string> {
  const headers: Record<string, string> = {};
  emitInvocationHeaders(event, deadlineMs, (name, value) => {
    headers[name.toLowerCase()] = value;
  });
  return headers;
}
