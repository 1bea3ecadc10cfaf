import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { validatePath } from './read-api-event.js';

/**
 * Route keys of an HTTP API: `METHOD /path` or the catch-all `$default`.
 * AWS: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 * Paths follow the same rules as REST resource paths: whole-segment `{param}`, a greedy `{proxy+}` last only.
 */
export const httpApiMethods = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const defaultRouteKey = '$default';

export interface RouteKeyParts {
  readonly routeKey: string;
  /** Upper-case method or `ANY`; undefined for `$default`. */
  readonly method?: string;
  /** Path template; undefined for `$default`. */
  readonly path?: string;
}

/** A method and a path as two properties (SAM's HttpApi event), validated, as a route key. */
export function routeKeyOf(method: string, methodAt: SourceRef, path: string, pathAt: SourceRef): RouteKeyParts {
  const upper = method.toUpperCase();
  if (!(httpApiMethods as readonly string[]).includes(upper)) {
    throw new TemplateError(
      methodAt,
      `unknown HTTP method ${JSON.stringify(method)}; use one of ${httpApiMethods.join(', ')} (or leave out Path and Method for the $default route)`,
    );
  }
  validatePath(path, pathAt);
  return { routeKey: `${upper} ${path}`, method: upper, path };
}

/** A RouteKey as written in AWS::ApiGatewayV2::Route or Api (`GET /items/{id}`, `$default`). */
export function parseRouteKey(text: string, at: SourceRef): RouteKeyParts {
  if (text === defaultRouteKey) return { routeKey: defaultRouteKey };
  const match = /^(\S+) (\S+)$/.exec(text);
  if (match === null) {
    throw new TemplateError(
      at,
      `RouteKey must be "METHOD /path" (e.g. "GET /items/{id}") or "$default", got ${JSON.stringify(text)}`,
    );
  }
  const [, method = '', path = ''] = match;
  if (method !== method.toUpperCase()) {
    // Route keys are compared with the request's method as sent (upper case): `get /items` would never match.
    throw new TemplateError(
      at,
      `the method in RouteKey must be upper case, got ${JSON.stringify(text)}; write ${method.toUpperCase()} ${path}`,
    );
  }
  return routeKeyOf(method, at, path, at);
}
