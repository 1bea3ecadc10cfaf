import type { FunctionSpec } from '../../model/function-spec.js';
import { randomText } from '../random-ids.js';
import type { InvokeRequest } from '../runtime.js';
import type { InvocationEvent } from '../runtime-api/runtime-api-context.js';

/** The event as GET /next hands it over (lambda.md §2.1). */
export function createInvocationEvent(
  fn: FunctionSpec,
  request: InvokeRequest,
  requestId: string,
  target: { readonly region: string; readonly accountId: string },
): InvocationEvent {
  return {
    requestId,
    payload: request.payload,
    // Unqualified for a plain invoke (recorded: LS introspection invocation_result_payload_qualified).
    invokedFunctionArn:
      request.invokedFunctionArn ?? `arn:aws:lambda:${target.region}:${target.accountId}:function:${fn.functionName}`,
    timeoutMs: fn.timeoutSeconds * 1000,
    // AWS always provides a trace header (lambda.md §2.1).
    traceId: request.traceId ?? createTraceHeader(),
    // Undefined rather than absent when not given: a conditional spread makes V8 build this object the slow way.
    clientContext: request.clientContext,
    cognitoIdentity: request.cognitoIdentity,
  };
}

/** `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0` (X-Ray trace header format). */
export function createTraceHeader(now = Date.now()): string {
  const epoch = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  const hex = randomText(20, 'hex');
  return `Root=1-${epoch}-${hex.slice(0, 24)};Parent=${hex.slice(24, 40)};Sampled=0`;
}
