/**
 * Phase: the integration call. API Gateway invokes the function synchronously and waits at most the
 * integration timeout (TimeoutInMillis, default 29 s); the function itself keeps running until its own
 * Timeout, exactly as on AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GatewayError } from '../../failures/gateway-error.js';
import { formatHandlerLocation, locateHandler } from '../../runtime/handler-location.js';
import type { InvokeResult, LambdaRuntime } from '../../runtime/runtime.js';
import type { InvocationContext, Stage } from '../context.js';
import { formatLogBody } from '../execution-log.js';
import type { IntegrationRequest } from './integration-request.js';

export interface EndpointResponse {
  readonly integrationRequest: IntegrationRequest;
  /** The function's result as Lambda returned it (a success: errors never get past this phase in AWS_PROXY). */
  readonly payload: string;
  readonly latencyMs: number;
}

const TIMED_OUT = Symbol('timed out');

export function createInvokeIntegration(runtime: LambdaRuntime): Stage<IntegrationRequest, EndpointResponse> {
  return {
    name: 'integration',
    async run(input, ctx) {
      const lambdaRequestId = randomUUID();
      const started = performance.now();
      const location = locateHandler(input.fn);
      ctx.recordLambda({
        ...(location ? { handlerLocation: formatHandlerLocation(location) } : {}),
        functionName: input.fn.functionName,
        event: input.event,
        eventBytes: input.eventBytes.length,
        lambdaRequestId,
      });
      const invocation = runtime.invoke(input.fn, {
        payload: input.eventBytes,
        requestId: lambdaRequestId,
        traceId: input.event.headers['X-Amzn-Trace-Id'] ?? '',
        invokedFunctionArn: input.functionArn,
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), input.integration.timeoutInMillis);
      });
      const outcome = await Promise.race([invocation, timeout]).finally(() => clearTimeout(timer));
      const latencyMs = Math.round(performance.now() - started);
      if (outcome === TIMED_OUT) {
        // The invoke goes on; keep what it eventually returns for the inspector.
        invocation.then((late) => recordResult(ctx, late)).catch(() => undefined);
        throw new GatewayError(
          'INTEGRATION_TIMEOUT',
          `no answer from ${input.fn.functionName} within the integration timeout of ${input.integration.timeoutInMillis} ms (function Timeout is ${input.fn.timeoutSeconds} s)`,
          {},
          input.integration.source,
        );
      }
      recordResult(ctx, outcome);
      return toEndpointResponse(input, outcome, latencyMs, ctx);
    },
  };
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

function toEndpointResponse(
  input: IntegrationRequest,
  result: InvokeResult,
  latencyMs: number,
  ctx: InvocationContext,
): EndpointResponse {
  const source = input.integration.source;
  switch (result.kind) {
    case 'service-error': {
      ctx.note(`Received response. Status: ${result.status}, Integration latency: ${latencyMs} ms`);
      if (result.status === 429) {
        throw new GatewayError(
          'LAMBDA_THROTTLED',
          `Lambda answered 429 ${result.errorType}: ${result.message}${result.reason ? ` (${result.reason})` : ''}`,
          { reason: result.reason ?? result.errorType },
          input.fn.source,
        );
      }
      if (result.status === 413) {
        throw new GatewayError(
          'LAMBDA_REQUEST_TOO_LARGE',
          `Lambda answered 413 ${result.errorType}: ${result.message}`,
          {},
          source,
        );
      }
      throw new GatewayError(
        'LAMBDA_SERVICE_ERROR',
        `Lambda answered ${result.status} ${result.errorType}: ${result.message}`,
        { errorType: result.errorType, message: result.message },
        input.fn.source,
      );
    }
    case 'function-error': {
      ctx.note(`Received response. Status: 200, Integration latency: ${latencyMs} ms`);
      ctx.note(`Endpoint response body before transformations: ${formatLogBody(result.payload.toString('utf8'))}`);
      throw new GatewayError(
        'LAMBDA_FUNCTION_ERROR',
        `${input.fn.functionName} failed: ${result.errorType}: ${result.errorMessage}`,
        {
          errorMessage: result.errorMessage,
          lambdaRequestId: result.report.requestId,
          errorType: result.errorType,
          reason: result.reason,
        },
        input.fn.source,
      );
    }
    case 'success': {
      const payload = result.payload.toString('utf8');
      ctx.note(`Received response. Status: 200, Integration latency: ${latencyMs} ms`);
      ctx.note(`Endpoint response body before transformations: ${formatLogBody(payload)}`);
      return { integrationRequest: input, payload, latencyMs };
    }
  }
}
