/**
 * The synchronous Lambda call every Lambda proxy integration makes (REST and HTTP APIs alike): invoke, and
 * wait at most the integration timeout. On a timeout the function keeps running until its own Timeout, as
 * on AWS; what it eventually returns is still recorded for the inspector.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FunctionSpec } from '../../model/function-spec.js';
import { formatHandlerLocation, locateHandler } from '../../runtime/handler-location.js';
import type { InvokeResult, LambdaRuntime } from '../../runtime/runtime.js';
import type { InvocationContext } from '../context.js';

export interface LambdaCall {
  readonly fn: FunctionSpec;
  readonly functionArn: string;
  /** The event as built (kept in the trace) and its serialised bytes (sent). */
  readonly event: unknown;
  readonly eventBytes: Buffer;
  readonly traceId: string;
  readonly timeoutInMillis: number;
}

export type LambdaOutcome =
  | { readonly kind: 'timed-out'; readonly latencyMs: number }
  | { readonly kind: 'returned'; readonly result: InvokeResult; readonly latencyMs: number };

export async function invokeLambda(runtime: LambdaRuntime, call: LambdaCall, ctx: InvocationContext): Promise<LambdaOutcome> {
  const lambdaRequestId = randomUUID();
  const started = performance.now();
  const location = locateHandler(call.fn);
  ctx.recordLambda({
    ...(location ? { handlerLocation: formatHandlerLocation(location) } : {}),
    functionName: call.fn.functionName,
    event: call.event,
    eventBytes: call.eventBytes.length,
    lambdaRequestId,
  });
  const invocation = runtime.invoke(call.fn, {
    payload: call.eventBytes,
    requestId: lambdaRequestId,
    traceId: call.traceId,
    invokedFunctionArn: call.functionArn,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), call.timeoutInMillis);
  });
  const result = await Promise.race([invocation, timeout]).finally(() => clearTimeout(timer));
  const latencyMs = Math.round(performance.now() - started);
  if (result === undefined) {
    invocation.then((late) => recordResult(ctx, late)).catch(() => undefined);
    return { kind: 'timed-out', latencyMs };
  }
  recordResult(ctx, result);
  return { kind: 'returned', result, latencyMs };
}

function recordResult(ctx: InvocationContext, result: InvokeResult): void {
  if (result.kind === 'service-error') return;
  ctx.recordLambda({
    rawResult: result.payload.toString('utf8'),
    coldStart: result.report.coldStart,
    durationMs: result.report.durationMs,
    lambdaRequestId: result.report.requestId,
    ...(result.kind === 'function-error'
      ? { functionError: { errorType: result.errorType, errorMessage: result.errorMessage, reason: result.reason } }
      : {}),
  });
}
