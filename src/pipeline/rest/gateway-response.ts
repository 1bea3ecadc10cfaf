/**
 * Phase: gateway response. Whenever API Gateway answers by itself, the client gets the gateway response of
 * that type: its default status and the body `{"message":$context.error.messageString}`, plus the
 * `x-amzn-ErrorType` header, unless the API customises the type (or DEFAULT_4XX / DEFAULT_5XX, which every type
 * of that class falls back to) with its own status, headers and templates.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
import type { DeployedStage } from '../../deploy/deployment.js';
import { type FailureSpec, failures } from '../../failures/catalogue.js';
import type { GatewayError } from '../../failures/gateway-error.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import { mapHeaders } from '../../integrations/mapped/parameter-mapping.js';
import type { GatewayResponseSpec } from '../../model/integration.js';
import { MappingTemplateError, renderMappingTemplate, selectResponseTemplate } from '../../vtl/mapping-template.js';
import { fillPlaceholders, type InvocationContext } from '../context.js';
import { type GatewayRequest, type GatewayResponse, headerValue } from '../http-message.js';
import { splitTarget } from '../request-target.js';
import { finalizeResponse } from './response-headers.js';

/** What is known about the request when the gateway answers: the stage (when one was addressed) and the request. */
export interface GatewayResponseScope {
  readonly deployed: DeployedStage | undefined;
  readonly request: GatewayRequest;
}

export function renderGatewayResponse(
  error: GatewayError,
  identity: RequestIdentity,
  ctx: InvocationContext,
  scope?: GatewayResponseScope,
): GatewayResponse {
  const spec: FailureSpec = failures[error.code];
  const status = spec.status ?? 500;
  const defaultBody = fillPlaceholders(spec.body ?? '', error.fields);
  const custom = scope?.deployed
    ? findCustomisation(scope.deployed.deployment.api.gatewayResponses ?? [], spec.responseType, status)
    : undefined;
  const headers: [string, string][] = [];
  if (spec.errorType !== undefined) headers.push(['x-amzn-ErrorType', spec.errorType]);
  let body = defaultBody;
  let finalStatus = status;
  if (custom && scope) {
    const applied = applyCustomisation(custom.spec, custom.exact, { error, status, defaultBody, scope, identity }, ctx);
    body = applied.body;
    finalStatus = applied.status;
    headers.push(...applied.headers);
  }
  const response = finalizeResponse(
    {
      status: finalStatus,
      headers,
      body: Buffer.from(body, 'utf8'),
      // Recorded: gateway-made answers (403, 500, 502) carry no X-Amzn-Trace-Id (docs/research/aws-recorded-responses.md).
      withTraceId: false,
    },
    identity,
    ctx,
  );
  ctx.note(`Method completed with status: ${response.status}`);
  return response;
}

function findCustomisation(
  list: readonly GatewayResponseSpec[],
  type: string | undefined,
  status: number,
): { spec: GatewayResponseSpec; exact: boolean } | undefined {
  const exact = type === undefined ? undefined : list.find((r) => r.responseType === type);
  if (exact) return { spec: exact, exact: true };
  const fallback = list.find((r) => r.responseType === (status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'));
  return fallback ? { spec: fallback, exact: false } : undefined;
}

interface Situation {
  readonly error: GatewayError;
  readonly status: number;
  readonly defaultBody: string;
  readonly scope: GatewayResponseScope;
  readonly identity: RequestIdentity;
}

function applyCustomisation(
  custom: GatewayResponseSpec,
  exact: boolean,
  situation: Situation,
  ctx: InvocationContext,
): { status: number; body: string; headers: [string, string][] } {
  const { scope, identity, error } = situation;
  const message = messageOf(situation.defaultBody);
  const stage = scope.deployed?.stage;
  const context: Record<string, unknown> = {
    requestId: identity.requestId,
    extendedRequestId: identity.extendedRequestId,
    accountId: identity.accountId,
    apiId: scope.deployed?.deployment.api.id,
    stage: stage?.name,
    httpMethod: scope.request.method,
    path: splitTarget(scope.request.target).rawPath,
    identity: { sourceIp: scope.request.sourceIp, userAgent: headerValue(scope.request.headers, 'user-agent') },
    error: {
      message,
      messageString: JSON.stringify(message),
      responseType: custom.responseType,
      validationErrorString: error.fields.errors ?? '',
    },
  };
  const header: Record<string, string> = {};
  for (const [name, value] of scope.request.headers) header[name] = value;
  const sources = {
    methodRequest: { path: {}, querystring: {}, header, body: scope.request.body.toString('utf8') },
    context,
    stageVariables: stage?.variables ?? {},
  };
  const headers = mapHeaders(custom.responseParameters, 'gatewayresponse.header.', sources);
  // Inferred: a DEFAULT_4XX/5XX customisation's status applies to the types that fall back to it only when the
  // type has no status of its own, which every type has; so only an exact customisation changes the status.
  const status = exact && custom.statusCode !== undefined ? custom.statusCode : situation.status;
  const template = selectResponseTemplate(custom.responseTemplates, headerValue(scope.request.headers, 'accept'));
  let body = situation.defaultBody;
  if (template !== undefined) {
    try {
      body = renderMappingTemplate(template, {
        payload: '',
        params: { path: {}, querystring: {}, header },
        context,
        stageVariables: stage?.variables ?? {},
      }).output;
      headers.unshift(['Content-Type', template.contentType]);
    } catch (failure) {
      if (!(failure instanceof MappingTemplateError)) throw failure;
      ctx.note(`Gateway response template failed (${failure.message}); the default body was sent`);
    }
  }
  ctx.note(`Gateway response type: ${custom.responseType} with status code: ${status}`);
  return { status, body, headers };
}

function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : body;
  } catch {
    return body;
  }
}
