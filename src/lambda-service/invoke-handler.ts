import { randomUUID } from 'node:crypto';
import type { InvokeRequest, LambdaRuntime } from '../runtime/runtime.js';
import { type FunctionTarget, type LocatorScope, locateFunction } from './function-locator.js';
import { type InvocationLogs, settleOutput } from './invocation-logs.js';
import { type InvokeHeaders, readInvokeHeaders } from './invoke-headers.js';
import { checkPayloadSize, readPayload } from './invoke-payload.js';
import { LambdaServiceError } from './service-error.js';
import type { ServiceRequest, ServiceResponse } from './service-message.js';

/**
 * The Invoke operation: `POST /2015-03-31/functions/{FunctionName}/invocations`.
 * AWS: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html; what the caller sees: lambda.md §3.
 */
export interface InvokeContext {
  readonly scope: LocatorScope;
  readonly runtime: LambdaRuntime;
  /** Fed by the runtime's log sink; without it, `LogType: Tail` answers an empty X-Amz-Log-Result. */
  readonly logs: InvocationLogs | undefined;
  /** Keeps an Event invocation running after its 202 has been sent. */
  readonly runInBackground: (invocation: Promise<unknown>) => void;
}

export async function handleInvoke(functionName: string, request: ServiceRequest, ctx: InvokeContext): Promise<ServiceResponse> {
  const headers = readInvokeHeaders(request);
  checkPayloadSize(request.body, headers.invocationType);
  const target = locateFunction(functionName, request.query.get('Qualifier') ?? undefined, ctx.scope);
  const payload = readPayload(request.body);
  const requestId = randomUUID();
  switch (headers.invocationType) {
    case 'DryRun':
      // Recorded: 204, empty payload (LS test_invocation_type_dry_run; lambda.md §3.4).
      return emptyResponse(204, requestId);
    case 'Event':
      // Recorded: 202, empty payload (LS test_invocation_type_event; lambda.md §3.4). x-amzn-RequestId is the id
      // the function sees. AWS: ClientContext is passed "for synchronous invocations only" (API_Invoke.html).
      ctx.runInBackground(ctx.runtime.invoke(target.fn, invokeRequest(payload, requestId, target, headers, false)));
      return emptyResponse(202, requestId);
    case 'RequestResponse':
      return invokeSynchronously(ctx, target, invokeRequest(payload, requestId, target, headers, true), headers);
  }
}

async function invokeSynchronously(
  ctx: InvokeContext,
  target: FunctionTarget,
  request: InvokeRequest & { requestId: string },
  headers: InvokeHeaders,
): Promise<ServiceResponse> {
  const tail = headers.logType === 'Tail' && ctx.logs !== undefined;
  if (tail) ctx.logs?.track(request.requestId);
  const result = await ctx.runtime.invoke(target.fn, request);
  let logResult: string | undefined;
  if (headers.logType === 'Tail') {
    if (tail) await settleOutput();
    logResult = ctx.logs?.release(request.requestId) ?? '';
  }
  if (result.kind === 'service-error') {
    throw new LambdaServiceError(result.status, result.errorType, result.message, result.reason);
  }
  // lambda.md §3.1/§3.2: 200 for every function error too, flagged by X-Amz-Function-Error: Unhandled;
  // x-amzn-RequestId is the function's request id; X-Amz-Executed-Version the version run.
  const responseHeaders: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['x-amzn-RequestId', result.report.requestId],
    ['X-Amz-Executed-Version', '$LATEST'],
  ];
  if (result.kind === 'function-error') responseHeaders.push(['X-Amz-Function-Error', 'Unhandled']);
  if (logResult !== undefined) responseHeaders.push(['X-Amz-Log-Result', logResult]);
  return { status: 200, headers: responseHeaders, body: result.payload };
}

function invokeRequest(
  payload: Buffer,
  requestId: string,
  target: FunctionTarget,
  headers: InvokeHeaders,
  synchronous: boolean,
): InvokeRequest & { requestId: string } {
  return {
    payload,
    requestId,
    invokedFunctionArn: target.invokedFunctionArn,
    ...(headers.traceId !== undefined ? { traceId: headers.traceId } : {}),
    ...(synchronous && headers.clientContext !== undefined ? { clientContext: headers.clientContext } : {}),
  };
}

function emptyResponse(status: number, requestId: string): ServiceResponse {
  return { status, headers: [['x-amzn-RequestId', requestId]], body: Buffer.alloc(0) };
}
