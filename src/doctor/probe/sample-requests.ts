import type { ApiModel } from '../../model/rest-api.js';
import type { SourceRef } from '../../model/source-ref.js';

/** A route `--probe` calls: which API and stage serve it, and the function behind it. */
export interface ProbeRoute {
  readonly api: { readonly type: 'REST' | 'HTTP'; readonly logicalId: string; readonly id: string; readonly stage: string };
  /** Upper-case method, `ANY` included. */
  readonly method: string;
  /** Path template (`/items/{id}`). */
  readonly path: string;
  readonly functionLogicalId?: string;
  readonly source: SourceRef;
}

export type ClientKind = 'browser page' | 'browser image' | 'JSON client' | 'CORS preflight';

export interface SampleRequest {
  readonly route: ProbeRoute;
  readonly client: ClientKind;
  readonly method: string;
  /** Stage and path, as sent: `/Prod/items/1`. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Accept headers as Chrome sends them (Firefox and Safari also start <img> requests with image/avif or image/webp). */
export const browserAccept = {
  page: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8',
  image: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  json: 'application/json',
} as const;

/** Every routed method of every API, on the API's first stage (the StageName one for SAM REST APIs). */
export function listProbeRoutes(model: ApiModel): ProbeRoute[] {
  const routes: ProbeRoute[] = [];
  for (const api of model.restApis) {
    const stage = api.stages[0]?.name;
    if (stage === undefined) continue;
    for (const resource of api.resources) {
      for (const method of resource.methods) {
        const integration = method.integration;
        routes.push({
          api: { type: 'REST', logicalId: api.logicalId, id: api.id, stage },
          method: method.httpMethod,
          path: resource.path,
          ...('functionLogicalId' in integration && integration.functionLogicalId !== undefined
            ? { functionLogicalId: integration.functionLogicalId }
            : {}),
          source: method.source,
        });
      }
    }
  }
  for (const api of model.httpApis) {
    const stage = api.stages[0]?.name;
    if (stage === undefined) continue;
    for (const route of api.routes) {
      routes.push({
        api: { type: 'HTTP', logicalId: api.logicalId, id: api.id, stage },
        method: route.method ?? 'ANY',
        path: route.path ?? '/',
        functionLogicalId: route.integration.functionLogicalId,
        source: route.source,
      });
    }
  }
  return routes;
}

/**
 * The requests for one route: for GET-like methods, a browser navigation, a browser <img> load and a JSON
 * client (the three Accept headers that decide binary answers on REST APIs); for other methods a JSON call.
 */
export function sampleRequestsFor(route: ProbeRoute): SampleRequest[] {
  const target = stagePath(route);
  const base = { route, target };
  switch (route.method) {
    case 'GET':
    case 'ANY':
      return [
        { ...base, client: 'browser page', method: 'GET', headers: { Accept: browserAccept.page } },
        { ...base, client: 'browser image', method: 'GET', headers: { Accept: browserAccept.image } },
        { ...base, client: 'JSON client', method: 'GET', headers: { Accept: browserAccept.json } },
      ];
    case 'HEAD':
    case 'DELETE':
      return [{ ...base, client: 'JSON client', method: route.method, headers: { Accept: browserAccept.json } }];
    case 'OPTIONS':
      return [
        {
          ...base,
          client: 'CORS preflight',
          method: 'OPTIONS',
          headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
        },
      ];
    default:
      return [
        {
          ...base,
          client: 'JSON client',
          method: route.method,
          headers: { Accept: browserAccept.json, 'Content-Type': 'application/json' },
          body: '{}',
        },
      ];
  }
}

/** `/Prod/items/1`: the stage in front (REST, named HTTP stages), path parameters filled with sample values. */
function stagePath(route: ProbeRoute): string {
  const path = fillPathParameters(route.path);
  if (route.api.stage === '$default') return path;
  return `/${route.api.stage}${path === '/' ? '/' : path}`;
}

export function fillPathParameters(path: string): string {
  return path
    .replace(/\{[^}]+\+\}/g, 'sample/path')
    .replace(/\{([^}]+)\}/g, (_, name: string) => (/id$/i.test(name) ? '1' : `sample-${name.toLowerCase()}`));
}
