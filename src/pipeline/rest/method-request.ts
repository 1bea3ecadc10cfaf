/**
 * Phase: method request. This is where authorizers, API keys and request validation run; for a Lambda
 * proxy method without them, API Gateway only logs what it received.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
 */

import { GatewayError } from '../../failures/gateway-error.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import { parseQueryString } from '../../integrations/lambda-proxy/query-string.js';
import { missingParameters, validateBody } from '../../integrations/validation/validate-request.js';
import type { SyncStage } from '../context.js';
import { formatLogBodyBytes, formatLogMap } from '../execution-log.js';
import { headerValue } from '../http-message.js';
import type { MatchedRoute } from './route-request.js';

export interface MethodRequest {
  readonly route: MatchedRoute;
  readonly identity: RequestIdentity;
}

export const methodRequest: SyncStage<MethodRequest, MethodRequest> = {
  name: 'method-request',
  run(input, ctx) {
    const { route } = input;
    const { request } = route.parsed;
    ctx.note(`Starting execution for request: ${input.identity.requestId}`);
    ctx.note(`HTTP Method: ${request.method}, Resource Path: ${route.path}`);
    ctx.note(`Method request path: ${formatLogMap(route.pathParameters)}`);
    ctx.note(`Method request query string: ${formatLogMap(parseQueryString(route.parsed.rawQuery).single)}`);
    ctx.note(`Method request headers: ${formatLogMap(request.headers)}`);
    ctx.note(`Method request body before transformations: ${formatLogBodyBytes(request.body)}`);
    validateMethodRequest(input);
    return input;
  },
};

/** Request validators (documented, api-gateway-method-request-validation.html): parameters first, then the body. */
function validateMethodRequest(input: MethodRequest): void {
  const { route } = input;
  const rules = route.method.requestRules;
  const validator = rules?.validator;
  if (rules === undefined || validator === undefined) return;
  const { request } = route.parsed;
  if (validator.validateRequestParameters) {
    const header: Record<string, string> = {};
    for (const [name, value] of request.headers) header[name] = value;
    const missing = missingParameters(rules, {
      querystring: parseQueryString(route.parsed.rawQuery).single ?? {},
      header,
      path: route.pathParameters ?? {},
    });
    if (missing.length > 0) {
      throw new GatewayError(
        'BAD_REQUEST_PARAMETERS',
        `validator ${validator.name} requires ${missing.join(', ')}, which the request does not have`,
        { missing: missing.join(', ') },
        validator.source,
      );
    }
  }
  if (validator.validateRequestBody) {
    const contentType = headerValue(request.headers, 'content-type');
    const check = validateBody(rules, route.deployed.deployment.api.models ?? [], contentType, request.body.toString('utf8'));
    if (!check.ok) {
      throw new GatewayError(
        'BAD_REQUEST_BODY',
        `validator ${validator.name}: the body does not match model ${check.model}: ${check.errors.join('; ')}`,
        { contentType: check.contentType, errors: `[${check.errors.join(', ')}]` },
        validator.source,
      );
    }
  }
}
