/**
 * The variables a mapping template sees for one method request: `$input.params()`, `$context`,
 * `$stageVariables`. `$context` carries the same values as the proxy event's requestContext (one source for both).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
 */
import { headerValue } from '../../pipeline/http-message.js';
import type { MatchedRoute } from '../../pipeline/rest/route-request.js';
import type { MethodRequestParams } from '../../vtl/input-variable.js';
import { buildProxyEvent, type RequestIdentity } from '../lambda-proxy/build-proxy-event.js';
import { parseQueryString } from '../lambda-proxy/query-string.js';

export interface MethodRequestValues {
  readonly params: MethodRequestParams;
  readonly context: Record<string, unknown>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

export function methodRequestValues(route: MatchedRoute, identity: RequestIdentity): MethodRequestValues {
  const { event } = buildProxyEvent(route, identity);
  const header: Record<string, string> = {};
  for (const [name, value] of route.parsed.request.headers) header[name] = value;
  const path: Record<string, string> = {};
  for (const [name, value] of Object.entries(route.pathParameters ?? {})) path[name] = safeDecode(value);
  const context: Record<string, unknown> = {
    ...event.requestContext,
    identity: { ...(event.requestContext.identity as object) },
    resourcePath: route.resource.path,
    // Overrides a template may set: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html
    requestOverride: { header: {}, path: {}, querystring: {} },
    responseOverride: { header: {} },
  };
  return {
    params: { path, querystring: parseQueryString(route.parsed.rawQuery).single ?? {}, header },
    context,
    stageVariables: route.deployed.stage.variables,
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export { headerValue };
