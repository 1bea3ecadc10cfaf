import type { Method, Resource, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { ApiRoute } from './read-api-event.js';
import { resourceIdFor } from './stable-id.js';

/**
 * API Gateway's resource tree for one REST API: the root `/`, every path of a route and each of its ancestors
 * (`/items/{id}` brings `/items`), with the methods attached where they are declared. Sorted by path.
 * AWS: https://docs.aws.amazon.com/apigateway/latest/api/API_Resource.html
 */
export function buildResources(restApiLogicalId: string, routes: readonly ApiRoute[]): Resource[] {
  const methodsByPath = new Map<string, Method[]>([['/', []]]);
  const declared = new Map<string, ApiRoute>();
  for (const route of routes) {
    const key = `${route.httpMethod} ${route.path}`;
    const earlier = declared.get(key);
    if (earlier !== undefined) {
      throw new TemplateError(
        route.source,
        `${key} on ${restApiLogicalId} is already routed to ${earlier.functionLogicalId} by ${where(earlier.source)}; each path and method may be declared once`,
      );
    }
    declared.set(key, route);
    for (const ancestor of ancestorsOf(route.path)) if (!methodsByPath.has(ancestor)) methodsByPath.set(ancestor, []);
    methodsByPath.get(route.path)?.push({
      httpMethod: route.httpMethod,
      integration: {
        type: 'AWS_PROXY',
        functionLogicalId: route.functionLogicalId,
        timeoutInMillis: route.timeoutInMillis,
        source: route.source,
      },
      ...(route.apiKeyRequired === undefined ? {} : { apiKeyRequired: route.apiKeyRequired }),
      ...(route.authorization === undefined ? {} : { authorization: route.authorization }),
      ...(route.cacheKeyParameters.length > 0 ? { cacheKeyParameters: route.cacheKeyParameters } : {}),
      source: route.source,
    });
  }
  checkSiblingVariables(restApiLogicalId, routes);
  return [...methodsByPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, methods]) => ({ id: resourceIdFor(restApiLogicalId, path), path, methods }));
}

/** `/a/{b}/c` → `/`, `/a`, `/a/{b}`, `/a/{b}/c`. */
export function ancestorsOf(path: string): string[] {
  if (path === '/') return ['/'];
  const segments = path.slice(1).split('/');
  return ['/', ...segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}`)];
}

/**
 * AWS: a resource can have only one variable child (`/items/{id}` and `/items/{itemId}` cannot both exist):
 * "A sibling ({id}) of this resource already has a variable path part -- only one is allowed".
 */
function checkSiblingVariables(restApiLogicalId: string, routes: readonly ApiRoute[]): void {
  const variableChild = new Map<string, { segment: string; route: ApiRoute }>();
  for (const route of routes) {
    const paths = ancestorsOf(route.path).slice(1);
    for (const path of paths) {
      const cut = path.lastIndexOf('/');
      const parent = cut === 0 ? '/' : path.slice(0, cut);
      const segment = path.slice(cut + 1);
      if (!segment.startsWith('{')) continue;
      const known = variableChild.get(parent);
      if (known === undefined) variableChild.set(parent, { segment, route });
      else if (known.segment !== segment) {
        throw new TemplateError(
          route.pathSource,
          `${route.path} puts ${segment} under ${parent}, where ${where(known.route.pathSource)} already has ${known.segment}; API Gateway allows one variable segment per parent on ${restApiLogicalId}: use the same name`,
        );
      }
    }
  }
}

function where(ref: SourceRef): string {
  return ref.line > 0 ? `${ref.keyPath} (line ${ref.line})` : ref.keyPath;
}
