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
import { invokeResultText } from '../../runtime/payload-text.js';
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
  | {
      readonly kind: 'returned';
      readonly result: InvokeResult;
      readonly latencyMs: number;
      /** The result's payload as UTF-8 text (empty for a service error), decoded once for the trace and the caller. */
      readonly text: string;
    };

/** Where each function's handler is, as the trace shows it: found and formatted once per FunctionSpec. */
const handlerLocations = new WeakMap<FunctionSpec, string | undefined>();

function handlerLocationOf(fn: FunctionSpec): string | undefined {
  if (handlerLocations.has(fn)) return handlerLocations.get(fn);
  const location = locateHandler(fn);
  const formatted = location ? formatHandlerLocation(location) : undefined;
  handlerLocations.set(fn, formatted);
  return formatted;
}

export async function invokeLambda(runtime: LambdaRuntime, call: LambdaCall, ctx: InvocationContext): Promise<LambdaOutcome> {
  const lambdaRequestId = randomUUID();
  const started = performance.now();
  const handlerLocation = handlerLocationOf(call.fn);
  // recordLambda skips undefined fields: no conditional spread, which makes V8 build this object the slow way.
  ctx.recordLambda({
    handlerLocation,
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
  // The integration timeout races the invoke (one timer, one promise: this runs on every request).
  const result = await new Promise<InvokeResult | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), call.timeoutInMillis);
    invocation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
  const latencyMs = Math.round(performance.now() - started);
  if (result === undefined) {
    invocation.then((late) => recordResult(ctx, late, resultText(late))).catch(() => undefined);
    return { kind: 'timed-out', latencyMs };
  }
  const text = resultText(result);
  recordResult(ctx, result, text);
  return { kind: 'returned', result, latencyMs, text };
}

function resultText(result: InvokeResult): string {
  return result.kind === 'service-error' ? '' : invokeResultText(result);
}

function recordResult(ctx: InvocationContext, result: InvokeResult, text: string): void {
  if (result.kind === 'service-error') return;
  ctx.recordLambda({
    rawResult: text,
    coldStart: result.report.coldStart,
    durationMs: result.report.durationMs,
    lambdaRequestId: result.report.requestId,
    functionError:
      result.kind === 'function-error'
        ? { errorType: result.errorType, errorMessage: result.errorMessage, reason: result.reason }
        : undefined,
  });
}
