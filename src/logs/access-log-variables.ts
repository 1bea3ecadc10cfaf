import { type FailureSpec, failures } from '../failures/catalogue.js';
import { formatRequestTime } from '../integrations/lambda-proxy/build-proxy-event.js';
import { fillPlaceholders } from '../pipeline/context.js';
import { headerValue } from '../pipeline/http-message.js';
import type { Exchange } from '../server/gateway.js';
import type { ContextVariables } from './access-log-format.js';

/** The stage an exchange was served by, as access logging needs it. */
export interface LoggedStage {
  readonly type: 'REST' | 'HTTP';
  readonly apiId: string;
  readonly stage: string;
}

/**
 * The `$context` variables of one request, for access logs.
 * REST: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 * HTTP: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export function accessLogVariables(exchange: Exchange, stage: LoggedStage): ContextVariables {
  const { request, response, trace, identity } = exchange;
  const http = stage.type === 'HTTP';
  const epoch = identity?.requestTimeEpoch ?? trace.startedAt;
  const extendedRequestId = identity?.extendedRequestId ?? headerOf(exchange, http ? 'apigw-requestid' : 'x-amz-apigw-id');
  const integration = trace.entries.find((e) => e.stage === 'integration');
  const integrationLatency = integration ? Math.round(integration.ms) : undefined;
  const lambdaStatus = lambdaInvokeStatus(exchange);
  const failure = trace.failure;
  const spec: FailureSpec | undefined = failure ? failures[failure.code] : undefined;
  const errorMessage = spec?.body ? messageOf(spec.body) : undefined;
  const integrationError = failure && isIntegrationFailure(exchange) ? integrationErrorOf(spec, failure) : undefined;
  return {
    accountId: identity?.accountId,
    apiId: stage.apiId,
    domainName: headerValue(request.headers, 'host'),
    domainPrefix: headerValue(request.headers, 'host')?.split('.')[0],
    // AWS: on HTTP APIs requestId is the short id also sent as apigw-requestid.
    requestId: http ? extendedRequestId : trace.requestId,
    extendedRequestId,
    'identity.sourceIp': request.sourceIp,
    'identity.userAgent': headerValue(request.headers, 'user-agent'),
    httpMethod: request.method,
    path: request.target.split('?')[0],
    protocol: request.protocol,
    requestTime: formatRequestTime(epoch),
    requestTimeEpoch: epoch,
    resourcePath: http ? undefined : trace.api?.resourcePath,
    routeKey: http ? trace.api?.resourcePath : undefined,
    stage: stage.stage,
    status: response.status,
    responseLength: response.body.length,
    responseLatency: Math.round(exchange.ms),
    integrationLatency,
    'integration.latency': integrationLatency,
    // AWS (REST, both names; HTTP integrationStatus): "the status code returned from AWS Lambda, not from the
    // backend Lambda function code". HTTP integration.status: "the status code that your Lambda function code returns".
    'integration.status': http ? functionStatusCode(exchange) : lambdaStatus,
    integrationStatus: lambdaStatus,
    'integration.error': integrationError,
    'integration.requestId': trace.lambda?.lambdaRequestId,
    integrationErrorMessage: integrationError,
    'error.message': errorMessage,
    'error.messageString': errorMessage === undefined ? undefined : JSON.stringify(errorMessage),
    'error.responseType': spec?.responseType,
    xrayTraceId: identity?.traceId,
    'xrayTraceId.root': identity?.traceId,
  };
}

/** The catalogue's HTTP API `integrationErrorMessage: ...` line when it has one, else the precise cause. */
function integrationErrorOf(spec: FailureSpec | undefined, failure: NonNullable<Exchange['trace']['failure']>): string {
  const prefix = 'integrationErrorMessage: ';
  if (spec?.awsLog?.startsWith(prefix)) return fillPlaceholders(spec.awsLog, failure.fields).slice(prefix.length);
  return failure.detail;
}

function headerOf(exchange: Exchange, name: string): string | undefined {
  return headerValue(exchange.response.headers, name);
}

/** 200 once Lambda answered the invoke (a function error is still a 200 from Lambda); nothing when it did not. */
function lambdaInvokeStatus(exchange: Exchange): number | undefined {
  const lambda = exchange.trace.lambda;
  if (lambda === undefined) return undefined;
  return lambda.rawResult !== undefined || lambda.functionError !== undefined ? 200 : undefined;
}

/** The statusCode the function returned (payload 1.0 and 2.0 objects), when it returned one. */
function functionStatusCode(exchange: Exchange): number | undefined {
  const raw = exchange.trace.lambda?.rawResult;
  if (raw === undefined || exchange.trace.lambda?.functionError) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'statusCode' in parsed) {
      const code = Number((parsed as { statusCode: unknown }).statusCode);
      return Number.isInteger(code) ? code : undefined;
    }
    // AWS (payload 2.0): a result without statusCode is answered 200.
    return exchange.response.status;
  } catch {
    return undefined;
  }
}

/** A failure that happened at or after the invoke: what `$context.integrationErrorMessage` describes. */
function isIntegrationFailure(exchange: Exchange): boolean {
  const failed = exchange.trace.entries.find((e) => e.outcome === 'failed');
  return (
    failed !== undefined &&
    ['integration-request', 'integration', 'integration-response', 'method-response', 'route-response'].includes(failed.stage)
  );
}

/** `{"message": "Internal server error"}` → `Internal server error`. */
function messageOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
      return (parsed as { message: string }).message;
    }
  } catch {
    // not JSON: no message
  }
  return undefined;
}
