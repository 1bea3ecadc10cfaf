import type { HttpApiEventInput } from '../../integrations/lambda-proxy/build-http-api-event.js';
import { headerValue } from '../http-message.js';
import type { MatchedHttpRoute } from './route-http-request.js';

/**
 * What an HTTP API event is built from, for a matched request: the integration's event carries the request's
 * body, a Lambda authorizer's event the same fields with none (http-api-lambda-authorizer.html).
 */
export function httpApiEventInput(matched: MatchedHttpRoute, body: Buffer): HttpApiEventInput {
  const { request } = matched.parsed;
  return {
    method: request.method,
    rawPath: matched.parsed.rawPath,
    rawQuery: matched.parsed.rawQuery,
    headers: request.headers,
    body,
    sourceIp: request.sourceIp,
    protocol: request.protocol,
    localPort: request.localPort,
    host: headerValue(request.headers, 'host') ?? `127.0.0.1:${request.localPort}`,
    routeKey: matched.route.routeKey,
    routePath: matched.route.path ?? '$default',
    pathParameters: matched.pathParameters,
    stage: matched.deployed.stage.name,
    stageVariables: matched.deployed.stage.variables,
    apiId: matched.deployed.deployment.api.id,
  };
}
