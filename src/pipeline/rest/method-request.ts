/**
 * Phase: method request. This is where authorizers, API keys and request validation run; for a Lambda
 * proxy method without them, API Gateway only logs what it received.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
 */
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import { parseQueryString } from '../../integrations/lambda-proxy/query-string.js';
import type { Stage } from '../context.js';
import { formatLogBody, formatLogMap } from '../execution-log.js';
import type { MatchedRoute } from './route-request.js';

export interface MethodRequest {
  readonly route: MatchedRoute;
  readonly identity: RequestIdentity;
}

export const methodRequest: Stage<MethodRequest, MethodRequest> = {
  name: 'method-request',
  run(input, ctx) {
    const { route } = input;
    const { request } = route.parsed;
    ctx.note(`Starting execution for request: ${input.identity.requestId}`);
    ctx.note(`HTTP Method: ${request.method}, Resource Path: ${route.path}`);
    ctx.note(`Method request path: ${formatLogMap(route.pathParameters)}`);
    ctx.note(`Method request query string: ${formatLogMap(parseQueryString(route.parsed.rawQuery).single)}`);
    ctx.note(`Method request headers: ${formatLogMap(request.headers)}`);
    ctx.note(`Method request body before transformations: ${formatLogBody(request.body.toString('utf8'))}`);
    return input;
  },
};
