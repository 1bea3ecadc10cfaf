/**
 * Phase: integration request. For AWS_PROXY, API Gateway builds the proxy event from the raw request
 * (request parameter mappings are ignored: recorded, test_lambda_aws_proxy_integration_request_data_mapping).
 * For AWS (non-proxy Lambda), MOCK and HTTP it converts the body (contentHandling) and runs the request mapping
 * template chosen by Content-Type; HTTP_PROXY forwards the method request to the endpoint.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import { resolveEndpointUrl } from '../../integrations/http/endpoint-url.js';
import { buildHttpProxyRequest } from '../../integrations/http/http-proxy-request.js';
import { buildProxyEvent, type ProxyEvent } from '../../integrations/lambda-proxy/build-proxy-event.js';
import { type MappedRequestBody, mapRequestBody } from '../../integrations/mapped/map-request-body.js';
import { mapRequestParameters } from '../../integrations/mapped/parameter-mapping.js';
import { type MethodRequestValues, methodRequestValues } from '../../integrations/mapped/template-variables.js';
import type { FunctionSpec } from '../../model/function-spec.js';
import type { HttpProxyIntegration, LambdaFunctionTarget, MappedIntegration } from '../../model/integration.js';
import { describeStageVariables, resolveFunctionUri } from '../../model/lambda-function-uri.js';
import type { LambdaProxyIntegration } from '../../model/rest-api.js';
import { textPayload } from '../../runtime/payload-text.js';
import type { InvocationContext, SyncStage } from '../context.js';
import { formatLogBody, formatLogBodyBytes } from '../execution-log.js';
import { headerValue } from '../http-message.js';
import type { MethodRequest } from './method-request.js';

/** Lambda's synchronous invocation payload quota: 6 MB (6291456 bytes). */
export const MAX_LAMBDA_EVENT_BYTES = 6 * 1024 * 1024;

export interface LambdaProxyRequest {
  readonly kind: 'lambda-proxy';
  readonly methodRequest: MethodRequest;
  readonly integration: LambdaProxyIntegration;
  readonly fn: FunctionSpec;
  readonly functionArn: string;
  readonly event: ProxyEvent;
  readonly eventBytes: Buffer;
}

/** A non-proxy request (AWS with Lambda, MOCK, HTTP): the body after contentHandling and the mapping template. */
export interface MappedRequest {
  readonly kind: 'mapped';
  readonly methodRequest: MethodRequest;
  readonly integration: MappedIntegration;
  readonly values: MethodRequestValues;
  readonly body: MappedRequestBody;
  /** For AWS (Lambda) integrations. */
  readonly fn?: FunctionSpec;
  readonly functionArn?: string;
  /** For HTTP integrations: the endpoint URL and the mapped headers. */
  readonly url?: string;
  readonly headers: readonly (readonly [string, string])[];
}

export interface HttpProxyRequest {
  readonly kind: 'http-proxy';
  readonly methodRequest: MethodRequest;
  readonly integration: HttpProxyIntegration;
  readonly values: MethodRequestValues;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

export type IntegrationRequest = LambdaProxyRequest | MappedRequest | HttpProxyRequest;

export interface IntegrationTarget {
  readonly region: string;
  readonly accountId: string;
  functionFor(logicalId: string): FunctionSpec | undefined;
  /** The function with this FunctionName, for URIs that name it through a stage variable. */
  functionNamed?(functionName: string): FunctionSpec | undefined;
}

export function createIntegrationRequest(target: IntegrationTarget): SyncStage<MethodRequest, IntegrationRequest> {
  return {
    name: 'integration-request',
    run(input, ctx) {
      const integration = input.route.method.integration;
      switch (integration.type) {
        case 'AWS_PROXY':
          return lambdaProxyRequest(input, integration, target, ctx);
        case 'HTTP_PROXY':
          return buildHttpProxyRequest(input, integration, ctx);
        default:
          return mappedRequest(input, integration, target, ctx);
      }
    },
  };
}

function functionOf(
  target: IntegrationTarget,
  integration: LambdaFunctionTarget,
  route: MethodRequest['route'],
  ctx: InvocationContext,
): { fn: FunctionSpec; functionArn: string; uri: string } {
  const logicalId = integration.functionLogicalId;
  if (logicalId === undefined) return functionByStageVariables(target, integration.functionUri, route, ctx);
  const fn = target.functionFor(logicalId);
  if (!fn) {
    // The template loader guarantees this cannot happen; kept as an explicit failure, not a crash.
    throw new GatewayError('LAMBDA_SERVICE_ERROR', `function ${logicalId} is not defined`, {
      errorType: 'ResourceNotFoundException',
      message: `Function not found: ${logicalId}`,
    });
  }
  const { functionArn, uri } = addressesOf(target, fn);
  return { fn, functionArn, uri };
}

interface LambdaAddresses {
  readonly target: IntegrationTarget;
  readonly functionArn: string;
  /** The invoke URI of the unqualified function, as the execution log names it. */
  readonly uri: string;
}

/** A function's ARN and invoke URI, made once per function and gateway rather than on every request. */
const addresses = new WeakMap<FunctionSpec, LambdaAddresses>();

function addressesOf(target: IntegrationTarget, fn: FunctionSpec): LambdaAddresses {
  const known = addresses.get(fn);
  if (known?.target === target) return known;
  const functionArn = `arn:aws:lambda:${target.region}:${target.accountId}:function:${fn.functionName}`;
  const made = { target, functionArn, uri: lambdaUri(target, functionArn) };
  addresses.set(fn, made);
  return made;
}

/**
 * AWS: the stage's variables are substituted into the integration URI at run time, so each stage may call a
 * different function (stage-variables.html). A qualifier (`:${stageVariables.alias}`) selects the same local
 * function: gatehouse runs the template's code for every version and alias.
 */
function functionByStageVariables(
  target: IntegrationTarget,
  template: string,
  route: MethodRequest['route'],
  ctx: InvocationContext,
): { fn: FunctionSpec; functionArn: string; uri: string } {
  const stage = route.deployed.stage;
  const resolved = resolveFunctionUri(template, stage.variables);
  const because = describeStageVariables(resolved, stage.name);
  const name = resolved.functionName;
  const fn = name === undefined ? undefined : (target.functionNamed?.(name) ?? target.functionFor(name));
  if (fn === undefined) {
    const named =
      name === undefined
        ? `the URI ${resolved.uri} names no function`
        : `no function of the template has the FunctionName or logical id ${name}`;
    throw new GatewayError(
      'LAMBDA_FUNCTION_NOT_FOUND',
      `${because}, so the integration URI ${template} calls ${resolved.uri}; ${named}`,
      { functionName: name ?? '' },
      stage.source,
    );
  }
  ctx.note(
    `Lambda function chosen by stage variables: ${because} → ${fn.logicalId}${resolved.qualifier ? ` (qualifier ${resolved.qualifier} runs the same code)` : ''}`,
  );
  const qualifier = resolved.qualifier === undefined ? '' : `:${resolved.qualifier}`;
  const functionArn = `${addressesOf(target, fn).functionArn}${qualifier}`;
  return { fn, functionArn, uri: lambdaUri(target, functionArn) };
}

function lambdaUri(target: IntegrationTarget, functionArn: string): string {
  return `https://lambda.${target.region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`;
}

function lambdaProxyRequest(
  input: MethodRequest,
  integration: LambdaProxyIntegration,
  target: IntegrationTarget,
  ctx: InvocationContext,
): LambdaProxyRequest {
  const { route } = input;
  const { fn, functionArn, uri } = functionOf(target, integration, route, ctx);
  const built = buildProxyEvent(route, input.identity);
  const api = route.deployed.deployment.api;
  if (built.binaryMatch !== undefined) {
    ctx.notice(
      'REQUEST_BODY_BASE64_ENCODED',
      `Content-Type ${headerValue(route.parsed.request.headers, 'content-type')} matches binaryMediaTypes entry "${built.binaryMatch}", so event.body is base64 and isBase64Encoded is true`,
      api.binaryMediaTypesSource ?? api.source,
    );
  }
  if (built.bodyLostBytes) {
    ctx.notice(
      'REQUEST_BODY_NOT_UTF8',
      `the ${route.parsed.request.body.length}-byte body is not UTF-8 and Content-Type ${headerValue(route.parsed.request.headers, 'content-type') ?? '(none)'} is not in binaryMediaTypes [${api.binaryMediaTypes.join(', ')}]; invalid bytes became U+FFFD`,
      api.binaryMediaTypesSource ?? api.source,
    );
  }
  const eventJson = JSON.stringify(built.event);
  // A thread environment takes the event as text: it is handed over without decoding these bytes again.
  const eventBytes = textPayload(eventJson);
  ctx.note(`Endpoint request URI: ${uri}`);
  // The text the bytes were made from: JSON.stringify's output is well-formed UTF-16, so it reads as their decoding.
  ctx.note(`Endpoint request body after transformations: ${formatLogBody(eventJson)}`);
  checkLambdaEventSize(
    eventBytes,
    () =>
      `the proxy event is ${eventBytes.length} bytes (request body ${route.parsed.request.body.length} bytes${built.event.isBase64Encoded ? ', base64-encoded' : ''})`,
    integration.source,
  );
  ctx.note(`Sending request to ${uri}`);
  return { kind: 'lambda-proxy', methodRequest: input, integration, fn, functionArn, event: built.event, eventBytes };
}

/** `what` describes the event for the failure: made only when the event is too large. */
function checkLambdaEventSize(bytes: Buffer, what: () => string, source: LambdaProxyIntegration['source']): void {
  if (bytes.length > MAX_LAMBDA_EVENT_BYTES) {
    throw new GatewayError('LAMBDA_REQUEST_TOO_LARGE', `${what()}; Lambda accepts at most ${MAX_LAMBDA_EVENT_BYTES}`, {}, source);
  }
}

function mappedRequest(
  input: MethodRequest,
  integration: MappedIntegration,
  target: IntegrationTarget,
  ctx: InvocationContext,
): MappedRequest {
  const { route } = input;
  const values = methodRequestValues(route, input.identity);
  const body = mapRequestBody({ route, integration, values }, ctx);
  const mapped = mapRequestParameters(integration.requestParameters, values, route.parsed.request.body.toString('utf8'));
  const base = { kind: 'mapped' as const, methodRequest: input, integration, values, body };
  switch (integration.type) {
    case 'AWS': {
      const { fn, functionArn, uri } = functionOf(target, integration, route, ctx);
      ctx.note(`Endpoint request URI: ${uri}`);
      ctx.note(`Endpoint request body after transformations: ${formatLogBodyBytes(body.bytes)}`);
      checkLambdaEventSize(body.bytes, () => `the mapped event is ${body.bytes.length} bytes`, integration.source);
      ctx.note(`Sending request to ${uri}`);
      return { ...base, fn, functionArn, headers: [] };
    }
    case 'MOCK':
      ctx.note(`Endpoint request body after transformations: ${formatLogBodyBytes(body.bytes)}`);
      return { ...base, headers: [] };
    case 'HTTP': {
      const resolved = resolveEndpointUrl({
        uri: integration.uri,
        stageVariables: values.stageVariables,
        pathValues: mapped.path,
      });
      const query = new URLSearchParams(Object.entries(mapped.querystring)).toString();
      const url = query === '' ? resolved.url : `${resolved.url}${resolved.url.includes('?') ? '&' : '?'}${query}`;
      ctx.note(`Endpoint request URI: ${url}`);
      ctx.note(`Endpoint request body after transformations: ${formatLogBodyBytes(body.bytes)}`);
      ctx.note(`Sending request to ${url}`);
      return { ...base, url, headers: Object.entries(mapped.header) };
    }
  }
}
