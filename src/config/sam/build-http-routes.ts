import type { HttpApi, HttpRoute, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { PendingHttpRoute } from './read-http-api-event.js';
import { httpAuthSettingsOf, routeAuthorizationOf } from './read-http-auth.js';

/**
 * Gives each HTTP API its routes, in template order. A route key names one route of an API: samtranslator
 * (push.py HttpApi._add_openapi_integration) stops with "API method 'get' defined multiple times for path
 * '/items'", and the SAM docs allow one `$default` route per API ("Only one of these default paths can exist per
 * API", sam-property-function-httpapi.html#sam-function-httpapi-method).
 */
export function attachHttpRoutes(apis: readonly Omit<HttpApi, 'routes'>[], pending: readonly PendingHttpRoute[]): HttpApi[] {
  const routesOf = new Map<string, HttpRoute[]>(apis.map((api) => [api.logicalId, []]));
  for (const { apiLogicalId, route: declared, auth } of pending) {
    const api = apis.find((a) => a.logicalId === apiLogicalId);
    const authorization = api === undefined ? undefined : routeAuthorizationOf(auth, httpAuthSettingsOf(api), declared.source);
    const route: HttpRoute = authorization === undefined ? declared : { ...declared, authorization };
    const routes = routesOf.get(apiLogicalId);
    if (routes === undefined) {
      throw new TemplateError(
        route.source,
        `this route belongs to ${apiLogicalId}, which is not created (its Condition is false)`,
      );
    }
    const earlier = routes.find((known) => known.routeKey === route.routeKey);
    if (earlier !== undefined) {
      throw new TemplateError(
        route.source,
        `${route.routeKey} on ${apiLogicalId} is already routed to ${earlier.integration.functionLogicalId} by ${where(earlier.source)}; each route key may be declared once per API`,
      );
    }
    routes.push(route);
  }
  return apis.map((api) => ({ ...api, routes: routesOf.get(api.logicalId) ?? [] }));
}

function where(ref: SourceRef): string {
  return ref.line > 0 ? `${ref.keyPath} (line ${ref.line})` : ref.keyPath;
}
