/**
 * Phase: route selection for HTTP APIs.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 * Documented: the most specific path wins (literal, then `{param}`, then greedy `{proxy+}`); on one path a
 * route for the exact method beats `ANY`; `$default` catches the rest and receives the full path; no match
 * is 404 `{"message":"Not Found"}`. Named stages are the first path segment; `$default` is the root.
 */
import type { DeployedHttpStage } from '../../deploy/deployment.js';
import { GatewayError } from '../../failures/gateway-error.js';
import type { HttpRoute } from '../../model/http-api.js';
import type { SyncStage } from '../context.js';
import type { ParsedRequest } from '../rest/parse-request.js';
import { matchPathTemplates } from '../routing/match-path.js';

export interface HttpRoutingInput {
  readonly parsed: ParsedRequest;
  readonly deployed: DeployedHttpStage | undefined;
}

export interface MatchedHttpRoute {
  readonly parsed: ParsedRequest;
  readonly deployed: DeployedHttpStage;
  readonly route: HttpRoute;
  /** Path within the stage, used for matching. */
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string>> | null;
}

export const routeHttpRequest: SyncStage<HttpRoutingInput, MatchedHttpRoute> = {
  name: 'route-request',
  run({ parsed, deployed }, ctx) {
    if (!deployed) throw new GatewayError('HTTP_NOT_FOUND', `no HTTP API stage serves ${parsed.rawPath}`);
    const api = deployed.deployment.api;
    const path = pathWithinStage(parsed.rawPath, deployed.stage.name);
    const found = matchHttpRoute(api.routes, path, parsed.request.method);
    if (!found) {
      const keys = api.routes.map((r) => r.routeKey).join(', ');
      throw new GatewayError(
        'HTTP_NOT_FOUND',
        `no route of ${api.logicalId} (stage ${deployed.stage.name}) matches ${parsed.request.method} ${path}; routes: ${keys || 'none'}`,
        {},
        api.source,
      );
    }
    ctx.recordApi({
      type: 'HTTP',
      id: api.id,
      logicalId: api.logicalId,
      stage: deployed.stage.name,
      resourcePath: found.route.routeKey,
    });
    return { parsed, deployed, route: found.route, path, pathParameters: found.pathParameters };
  },
};

function pathWithinStage(rawPath: string, stage: string): string {
  if (stage === '$default') return rawPath;
  const trimmed = rawPath.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  return slash === -1 ? '/' : trimmed.slice(slash);
}

export function matchHttpRoute(
  routes: readonly HttpRoute[],
  path: string,
  method: string,
): { route: HttpRoute; pathParameters: Record<string, string> | null } | undefined {
  const table = routeTableOf(routes);
  for (const { item, pathParameters } of matchPathTemplates(table.groups, path)) {
    const route = item.routes.find((r) => r.method === method) ?? item.routes.find((r) => r.method === 'ANY');
    if (route) return { route, pathParameters };
  }
  return table.fallback ? { route: table.fallback, pathParameters: null } : undefined;
}

interface RouteTable {
  /** Routes grouped by path template, in the order their paths first appear. */
  readonly groups: readonly { readonly path: string; readonly routes: readonly HttpRoute[] }[];
  readonly fallback: HttpRoute | undefined;
}

/** A deployment's routes do not change: grouped once per route list, not per request. */
const routeTables = new WeakMap<readonly HttpRoute[], RouteTable>();

function routeTableOf(routes: readonly HttpRoute[]): RouteTable {
  const known = routeTables.get(routes);
  if (known) return known;
  const byPath = new Map<string, HttpRoute[]>();
  for (const route of routes) {
    if (route.path === undefined) continue;
    const list = byPath.get(route.path);
    if (list) list.push(route);
    else byPath.set(route.path, [route]);
  }
  const table: RouteTable = {
    groups: [...byPath].map(([groupPath, list]) => ({ path: groupPath, routes: list })),
    fallback: routes.find((r) => r.routeKey === '$default'),
  };
  routeTables.set(routes, table);
  return table;
}
