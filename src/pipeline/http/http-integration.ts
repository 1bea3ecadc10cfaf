/**
 * Phase: the Lambda call of an HTTP API. Function errors are 500 `{"message":"Internal Server Error"}`;
 * an integration timeout (at most 30 s) and a Lambda throttle are 503 `{"message":"Service Unavailable"}`
 * (recorded captures, docs/research/http-api-behaviour.md §4; the Knowledge Center article says 504 for
 * timeouts, the captures win).
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { LambdaRuntime } from '../../runtime/runtime.js';
import type { Stage } from '../context.js';
import { invokeLambda } from '../lambda/invoke-lambda.js';
import type { HttpIntegrationRequest } from './http-integration-request.js';

export interface HttpEndpointResponse {
  readonly integrationRequest: HttpIntegrationRequest;
  readonly payload: string;
}

export function createHttpIntegration(runtime: LambdaRuntime): Stage<HttpIntegrationRequest, HttpEndpointResponse> {
  return {
    name: 'integration',
    async run(input, ctx) {
      const integration = input.matched.route.integration;
      const outcome = await invokeLambda(
        runtime,
        {
          fn: input.fn,
          functionArn: input.functionArn,
          event: input.event,
          eventBytes: input.eventBytes,
          traceId: input.identity.traceId,
          timeoutInMillis: integration.timeoutInMillis,
        },
        ctx,
      );
      if (outcome.kind === 'timed-out') {
        throw new GatewayError(
          'HTTP_SERVICE_UNAVAILABLE',
          `no answer from ${input.fn.functionName} within the integration timeout of ${integration.timeoutInMillis} ms (function Timeout is ${input.fn.timeoutSeconds} s)`,
          { reason: 'Integration timed out' },
          integration.source,
        );
      }
      const { result } = outcome;
      if (result.kind === 'service-error') {
        if (result.status === 429) {
          throw new GatewayError(
            'HTTP_SERVICE_UNAVAILABLE',
            `Lambda answered 429 ${result.errorType}: ${result.message}${result.reason ? ` (${result.reason})` : ''}`,
            { reason: `Lambda throttled the invoke (${result.reason ?? result.errorType})` },
            input.fn.source,
          );
        }
        if (result.status === 413) {
          throw new GatewayError(
            'HTTP_REQUEST_TOO_LARGE',
            `Lambda answered 413 ${result.errorType}: ${result.message}`,
            {},
            integration.source,
          );
        }
        throw new GatewayError(
          'HTTP_LAMBDA_FUNCTION_ERROR',
          `Lambda answered ${result.status} ${result.errorType}: ${result.message}`,
          { errorType: result.errorType, errorMessage: result.message },
          input.fn.source,
        );
      }
      if (result.kind === 'function-error') {
        throw new GatewayError(
          'HTTP_LAMBDA_FUNCTION_ERROR',
          `${input.fn.functionName} failed: ${result.errorType}: ${result.errorMessage}`,
          { errorType: result.errorType, errorMessage: result.errorMessage },
          input.fn.source,
        );
      }
      return { integrationRequest: input, payload: outcome.text };
    },
  };
}
