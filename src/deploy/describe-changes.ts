import type { FunctionSpec } from '../model/function-spec.js';
import type { HttpApi } from '../model/http-api.js';
import type { Method, RestApi, StageSpec } from '../model/rest-api.js';

/** Keys that say where something is written, not what it is: moving a line in the template changes nothing. */
const LOCATION_KEYS = new Set(['source', 'pathSource', 'binaryMediaTypesSource']);

/** A comparable rendering of a model value without its source locations. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (LOCATION_KEYS.has(key) ? undefined : v));
}

/**
 * What a new deployment of `next` would change for a stage serving `current`, in a few words:
 * `1 route added, GET /logo.png changed, binaryMediaTypes changed`. Empty when nothing would.
 */
export function describeRestApiChanges(current: RestApi, next: RestApi): string[] {
  const before = routesOf(current);
  const after = routesOf(next);
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && fingerprint(before.get(k)) !== fingerprint(after.get(k)));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`${count(added.length, 'route')} added (${added.join(', ')})`);
  if (removed.length > 0) parts.push(`${count(removed.length, 'route')} removed (${removed.join(', ')})`);
  for (const key of changed) parts.push(`${key} changed`);
  if (fingerprint(current.binaryMediaTypes) !== fingerprint(next.binaryMediaTypes)) {
    parts.push(`binaryMediaTypes changed [${current.binaryMediaTypes.join(', ')}] → [${next.binaryMediaTypes.join(', ')}]`);
  }
  if (current.apiKeySourceType !== next.apiKeySourceType) parts.push('ApiKeySourceType changed');
  const known = new Set(['resources', 'binaryMediaTypes', 'apiKeySourceType', 'stages']);
  const rest = (api: RestApi) => fingerprint(Object.fromEntries(Object.entries(api).filter(([k]) => !known.has(k))));
  if (parts.length === 0 && rest(current) !== rest(next)) parts.push('API settings changed');
  return parts;
}

/** Stage-level changes, which AWS applies without a deployment. */
export function describeStageChanges(current: StageSpec, next: StageSpec): string[] {
  const parts: string[] = [];
  if (fingerprint(current.variables) !== fingerprint(next.variables)) parts.push('stage variables changed');
  if (current.cacheClusterEnabled !== next.cacheClusterEnabled) {
    parts.push(`cache cluster ${next.cacheClusterEnabled ? 'enabled' : 'disabled'}`);
  }
  if (fingerprint(current.methodSettings) !== fingerprint(next.methodSettings)) parts.push('MethodSettings changed');
  return parts;
}

export function describeHttpApiChanges(current: HttpApi, next: HttpApi): string[] {
  return fingerprint({ ...current, stages: [] }) === fingerprint({ ...next, stages: [] }) ? [] : ['routes or settings changed'];
}

/** Functions whose configuration (or existence) changed: Lambda, not API Gateway, so no deployment is involved. */
export function changedFunctions(current: readonly FunctionSpec[], next: readonly FunctionSpec[]): string[] {
  const before = new Map(current.map((f) => [f.logicalId, fingerprint(f)]));
  return next.filter((f) => before.get(f.logicalId) !== fingerprint(f)).map((f) => f.logicalId);
}

function routesOf(api: RestApi): Map<string, Method> {
  const routes = new Map<string, Method>();
  for (const resource of api.resources) for (const m of resource.methods) routes.set(`${m.httpMethod} ${resource.path}`, m);
  return routes;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
