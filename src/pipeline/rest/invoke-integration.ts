/**
 * Phase: the integration call. API Gateway invokes the function synchronously and waits at most the
 * integration timeout (TimeoutInMillis, default 29 s); the function itself keeps running until its own
 * Timeout, exactly as on AWS. MOCK integrations call nothing; HTTP and HTTP_PROXY call the endpoint.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import { callUpstream } from '../../integrations/http/call-upstream.js';
import { mockEndpointStatus } from '../../integrations/mapped/mock-endpoint.js';
import type { FunctionSpec } from '../../model/function-spec.js';
import type { SourceRef } from '../../model/source-ref.js';
import type { InvokeResult, LambdaRuntime } from '../../runtime/runtime.js';
import type { InvocationContext, Stage } from '../context.js';
import { formatLogBody, formatLogBodyBytes, formatLogMap } from '../execution-log.js';
import { invokeLambda, type LambdaOutcome } from '../lambda/invoke-lambda.js';
import type { HttpProxyRequest, IntegrationRequest, LambdaProxyRequest, MappedRequest } from './integration-request.js';

export type EndpointResponse =
  | {
      readonly kind: 'lambda-proxy';
      readonly integrationRequest: LambdaProxyRequest;
      /** The function's result as Lambda returned it (a success: errors never get past this phase in AWS_PROXY). */
      readonly payload: string;
      readonly latencyMs: number;
    }
  | {
      readonly kind: 'mapped';
      readonly integrationRequest: MappedRequest;
      readonly status: number;
      readonly headers: readonly (readonly [string, string])[];
      readonly body: Buffer;
      /** Lambda function errors: the errorMessage selection patterns are matched against. */
      readonly functionError?: { readonly errorMessage: string; readonly errorType: string };
      readonly latencyMs: number;
    }
  | {
      readonly kind: 'http-proxy';
      readonly integrationRequest: HttpProxyRequest;
      readonly status: number;
      readonly headers: readonly (readonly [string, string])[];
      readonly body: Buffer;
      readonly latencyMs: number;
    };

export function createInvokeIntegration(runtime: LambdaRuntime): Stage<IntegrationRequest, EndpointResponse> {
  return {
    name: 'integration',
    // Not itself async: a Lambda proxy call (most requests) goes through one async function, not two nested ones.
    run(input, ctx) {
      if (input.kind === 'lambda-proxy') return invokeLambdaProxy(runtime, input, ctx);
      return invokeOtherIntegration(runtime, input, ctx);
    },
  };
}

async function invokeOtherIntegration(
  runtime: LambdaRuntime,
  input: MappedRequest | HttpProxyRequest,
  ctx: InvocationContext,
): Promise<EndpointResponse> {
  if (input.kind === 'http-proxy') {
    const res = await callHttp(
      input.integration.httpMethod === 'ANY' ? input.methodRequest.route.parsed.request.method : input.integration.httpMethod,
      input.url,
      input.headers,
      input.body,
      input.integration.timeoutInMillis,
      input.integration.source,
      ctx,
    );
    return { kind: 'http-proxy', integrationRequest: input, ...res };
  }
  switch (input.integration.type) {
    case 'MOCK': {
      const status = mockEndpointStatus(input.body.bytes.toString('utf8'));
      ctx.note(`Received response. Status: ${status}, Integration latency: 0 ms`);
      return { kind: 'mapped', integrationRequest: input, status, headers: [], body: Buffer.alloc(0), latencyMs: 0 };
    }
    case 'HTTP': {
      const method =
        input.integration.httpMethod === 'ANY' ? input.methodRequest.route.parsed.request.method : input.integration.httpMethod;
      const res = await callHttp(
        method,
        input.url ?? input.integration.uri,
        input.headers,
        input.body.bytes,
        input.integration.timeoutInMillis,
        input.integration.source,
        ctx,
      );
      return { kind: 'mapped', integrationRequest: input, ...res };
    }
    case 'AWS':
      return invokeLambdaCustom(runtime, input, ctx);
  }
}

async function callHttp(
  method: string,
  url: string,
  headers: readonly (readonly [string, string])[],
  body: Buffer,
  timeoutInMillis: number,
  source: SourceRef,
  ctx: InvocationContext,
) {
  const outcome = await callUpstream({ method, url, headers, body, timeoutInMillis });
  if (outcome.kind === 'timeout') {
    throw new GatewayError(
      'INTEGRATION_TIMEOUT',
      `${method} ${url} did not answer within the integration timeout of ${timeoutInMillis} ms`,
      {},
      source,
    );
  }
  if (outcome.kind === 'unreachable') {
    throw new GatewayError('HTTP_ENDPOINT_FAILED', `${method} ${url} failed: ${outcome.message}`, {}, source);
  }
  ctx.note(`Received response. Status: ${outcome.status}, Integration latency: ${outcome.latencyMs} ms`);
  ctx.note(`Endpoint response headers: ${formatLogMap(outcome.headers)}`);
  ctx.note(`Endpoint response body before transformations: ${formatLogBodyBytes(outcome.body)}`);
  return { status: outcome.status, headers: outcome.headers, body: outcome.body, latencyMs: outcome.latencyMs };
}

async function invokeLambdaProxy(
  runtime: LambdaRuntime,
  input: LambdaProxyRequest,
  ctx: InvocationContext,
): Promise<EndpointResponse> {
  const { fn, functionArn, event, eventBytes } = input;
  const traceId = event.headers['X-Amzn-Trace-Id'] ?? '';
  const { timeoutInMillis, source } = input.integration;
  const outcome = await invokeLambda(runtime, { fn, functionArn, event, eventBytes, traceId, timeoutInMillis }, ctx);
  const result = returnedResult(outcome, fn, timeoutInMillis, source, ctx);
  if (result.result.kind === 'function-error') {
    const error = result.result;
    ctx.note(`Endpoint response body before transformations: ${formatLogBody(result.text)}`);
    throw new GatewayError(
      'LAMBDA_FUNCTION_ERROR',
      `${input.fn.functionName} failed: ${error.errorType}: ${error.errorMessage}`,
      {
        errorMessage: error.errorMessage,
        lambdaRequestId: error.report.requestId,
        errorType: error.errorType,
        reason: error.reason,
      },
      input.fn.source,
    );
  }
  const payload = result.text;
  ctx.note(`Endpoint response body before transformations: ${formatLogBody(payload)}`);
  return { kind: 'lambda-proxy', integrationRequest: input, payload, latencyMs: result.latencyMs };
}

/**
 * AWS (documented, handle-errors-in-lambda-integration.html): a function error is not a gateway failure in a
 * non-proxy integration; its error document goes on to integration-response selection.
 */
async function invokeLambdaCustom(
  runtime: LambdaRuntime,
  input: MappedRequest,
  ctx: InvocationContext,
): Promise<EndpointResponse> {
  const fn = input.fn as FunctionSpec;
  const event = parseEvent(input.body.bytes);
  if (event === undefined) {
    // Lambda rejects a payload that is not JSON (InvalidRequestContentException, 400), which API Gateway answers 500.
    throw new GatewayError(
      'LAMBDA_SERVICE_ERROR',
      `the event sent to ${fn.functionName} is not JSON${input.body.template ? ` (made by the ${input.body.template.contentType} request template)` : ' (passthrough body)'}: ${input.body.bytes.toString('utf8').slice(0, 80)}`,
      { errorType: 'InvalidRequestContentException', message: 'Could not parse request body into json' },
      input.body.template?.source ?? input.integration.source,
    );
  }
  const traceId = input.methodRequest.identity.traceId;
  const { timeoutInMillis, source } = input.integration;
  const call = {
    fn,
    functionArn: input.functionArn ?? '',
    event: event.value,
    eventBytes: input.body.bytes,
    traceId,
    timeoutInMillis,
  };
  const result = returnedResult(await invokeLambda(runtime, call, ctx), fn, timeoutInMillis, source, ctx);
  const payload = result.result.payload;
  ctx.note('Endpoint response headers: {Content-Type=application/json, X-Amz-Executed-Version=$LATEST}');
  ctx.note(`Endpoint response body before transformations: ${formatLogBody(result.text)}`);
  const base = {
    kind: 'mapped' as const,
    integrationRequest: input,
    status: 200,
    headers: [['Content-Type', 'application/json']] as const,
    body: payload,
    latencyMs: result.latencyMs,
  };
  if (result.result.kind === 'function-error') {
    return { ...base, functionError: { errorMessage: result.result.errorMessage, errorType: result.result.errorType } };
  }
  return base;
}

function parseEvent(bytes: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return undefined;
  }
}

type Returned = Extract<InvokeResult, { kind: 'success' | 'function-error' }>;

/** What Lambda returned, or the gateway failure for a timeout or a refused invoke. */
function returnedResult(
  outcome: LambdaOutcome,
  fn: FunctionSpec,
  timeoutInMillis: number,
  source: SourceRef,
  ctx: InvocationContext,
): { result: Returned; latencyMs: number; text: string } {
  if (outcome.kind === 'timed-out') {
    throw new GatewayError(
      'INTEGRATION_TIMEOUT',
      `no answer from ${fn.functionName} within the integration timeout of ${timeoutInMillis} ms (function Timeout is ${fn.timeoutSeconds} s)`,
      {},
      source,
    );
  }
  const { result, latencyMs, text } = outcome;
  if (result.kind === 'service-error') {
    ctx.note(`Received response. Status: ${result.status}, Integration latency: ${latencyMs} ms`);
    if (result.status === 429) {
      throw new GatewayError(
        'LAMBDA_THROTTLED',
        `Lambda answered 429 ${result.errorType}: ${result.message}${result.reason ? ` (${result.reason})` : ''}`,
        { reason: result.reason ?? result.errorType },
        fn.source,
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
      fn.source,
    );
  }
  ctx.note(`Received response. Status: 200, Integration latency: ${latencyMs} ms`);
  return { result, latencyMs, text };
}
