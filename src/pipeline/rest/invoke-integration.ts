/**
 * Phase: the integration call. API Gateway invokes the function synchronously and waits at most the
 * integration timeout (TimeoutInMillis, default 29 s); the function itself keeps running until its own
 * Timeout, exactly as on AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { InvokeResult, LambdaRuntime } from '../../runtime/runtime.js';
import type { InvocationContext, Stage } from '../context.js';
import { formatLogBody } from '../execution-log.js';
import { invokeLambda } from '../lambda/invoke-lambda.js';
import type { IntegrationRequest } from './integration-request.js';

export interface EndpointResponse {
  readonly integrationRequest: IntegrationRequest;
  /** The function's result as Lambda returned it (a success: errors never get past this phase in AWS_PROXY). */
  readonly payload: string;
  readonly latencyMs: number;
}

export function createInvokeIntegration(runtime: LambdaRuntime): Stage<IntegrationRequest, EndpointResponse> {
  return {
    name: 'integration',
    async run(input, ctx) {
      const outcome = await invokeLambda(
        runtime,
        {
          fn: input.fn,
          functionArn: input.functionArn,
          event: input.event,
          eventBytes: input.eventBytes,
          traceId: input.event.headers['X-Amzn-Trace-Id'] ?? '',
          timeoutInMillis: input.integration.timeoutInMillis,
        },
        ctx,
      );
      if (outcome.kind === 'timed-out') {
        throw new GatewayError(
          'INTEGRATION_TIMEOUT',
          `no answer from ${input.fn.functionName} within the integration timeout of ${input.integration.timeoutInMillis} ms (function Timeout is ${input.fn.timeoutSeconds} s)`,
          {},
          input.integration.source,
        );
      }
      return toEndpointResponse(input, outcome.result, outcome.latencyMs, ctx);
    },
  };
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
