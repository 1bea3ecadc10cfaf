/**
 * Phase: the stage cache (REST APIs only). With the stage's cache cluster on and caching enabled for the method
 * (MethodSettings CachingEnabled; only GET unless the method's own setting says so), an answer stored for the
 * same resource, method and cache-key parameter values is sent without calling the integration. After the
 * integration answers, the answer is stored for CacheTtlInSeconds (300 by default, 0 = off) when it is at most
 * 1 MB. `Cache-Control: max-age=0` skips the entry only for callers authorized to invalidate.
 * All documented, none recorded: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
import { settingsOfMethod } from '../../deploy/method-settings.js';
import { MAX_CACHED_RESPONSE_BYTES } from '../../deploy/stage-cache.js';
import { GatewayError } from '../../failures/gateway-error.js';
import { parseQueryString } from '../../integrations/lambda-proxy/query-string.js';
import type { InvocationContext, SyncStage } from '../context.js';
import { type GatewayResponse, headerValue } from '../http-message.js';
import type { MethodRequest } from './method-request.js';

/**
 * Inferred: the header other emulators add for SUCCEED_WITH_RESPONSE_HEADER; AWS documents only "add a warning in
 * response header" (not recorded).
 */
export const UNAUTHORIZED_CACHE_CONTROL_WARNING = '199 Cache-control headers were ignored because the caller was unauthorized.';

export interface CachePlan {
  readonly key: string;
  readonly ttlSeconds: number;
  /** An authorized `Cache-Control: max-age=0`: fetch from the integration and replace the entry. */
  readonly invalidate: boolean;
  /** Add the SUCCEED_WITH_RESPONSE_HEADER warning. */
  readonly warn: boolean;
  readonly invalidationIgnored?: string;
}

export interface CacheLookup {
  readonly methodRequest: MethodRequest;
  readonly plan?: CachePlan;
  /** The stored answer, when the request is answered from the cache. */
  readonly hit?: GatewayResponse;
}

export const stageCacheLookup: SyncStage<MethodRequest, CacheLookup> = {
  name: 'stage-cache',
  run(input, ctx) {
    const plan = planCaching(input, ctx);
    if (plan === undefined || plan.invalidate) return plan ? { methodRequest: input, plan } : { methodRequest: input };
    const { deployed } = input.route;
    const now = Date.now();
    const entry = deployed.state?.cache.get(plan.key, now);
    if (entry === undefined) return { methodRequest: input, plan };
    const ageSeconds = Math.floor((now - entry.storedAt) / 1000);
    ctx.recordCache({
      outcome: 'hit',
      key: plan.key,
      ttlSeconds: entry.ttlSeconds,
      ageSeconds,
      deploymentNumber: entry.deploymentNumber,
      ...(plan.invalidationIgnored ? { invalidationIgnored: plan.invalidationIgnored } : {}),
    });
    for (const notice of entry.notices) ctx.notice(notice.code, `(from the cached answer) ${notice.detail}`, notice.source);
    const olderDeployment = entry.deploymentId !== deployed.deployment.id;
    if (olderDeployment || entry.notices.length > 0) {
      ctx.notice(
        'STAGE_CACHE_HIT',
        `answered from the cache of stage ${deployed.stage.name}: entry "${plan.key}" was stored ${ageSeconds} s ago for ${entry.storedFor} by deployment ${entry.deploymentNumber}${olderDeployment ? ` (the stage now serves deployment ${deployed.deployment.number})` : ''}; it expires in ${Math.max(0, entry.ttlSeconds - ageSeconds)} s (TTL ${entry.ttlSeconds} s). Run gatehouse flush-cache --stage ${deployed.stage.name} to see the current answer`,
        deployed.stage.source,
      );
    }
    const { identity } = input;
    const restamped: Record<string, string> = {
      date: new Date(now).toUTCString(),
      'x-amzn-requestid': identity.requestId,
      'x-amz-apigw-id': identity.extendedRequestId,
      'x-amzn-trace-id': identity.traceId,
    };
    const headers: [string, string][] = entry.headers.map(([n, v]) => [n, restamped[n.toLowerCase()] ?? v]);
    if (plan.warn) headers.push(['Warning', UNAUTHORIZED_CACHE_CONTROL_WARNING]);
    ctx.note(`Method completed with status: ${entry.status}`);
    return { methodRequest: input, plan, hit: { status: entry.status, headers, body: entry.body } };
  },
};

/** Stores the integration's answer when the method is cached; adds the unauthorized-invalidation warning. */
export function storeInStageCache(lookup: CacheLookup, response: GatewayResponse, ctx: InvocationContext): GatewayResponse {
  const { plan } = lookup;
  if (plan === undefined) return response;
  const out: GatewayResponse = plan.warn
    ? { ...response, headers: [...response.headers, ['Warning', UNAUTHORIZED_CACHE_CONTROL_WARNING]] }
    : response;
  const { route } = lookup.methodRequest;
  const { deployed } = route;
  const base = {
    key: plan.key,
    ttlSeconds: plan.ttlSeconds,
    ...(plan.invalidationIgnored ? { invalidationIgnored: plan.invalidationIgnored } : {}),
  };
  if (response.body.length > MAX_CACHED_RESPONSE_BYTES || deployed.state === undefined) {
    ctx.recordCache({ ...base, outcome: 'not-stored' });
    return out;
  }
  deployed.state.cache.set({
    key: plan.key,
    status: response.status,
    headers: response.headers,
    body: response.body,
    storedAt: Date.now(),
    ttlSeconds: plan.ttlSeconds,
    deploymentId: deployed.deployment.id,
    deploymentNumber: deployed.deployment.number,
    storedFor: `${route.parsed.request.method} ${route.parsed.request.target}`,
    notices: ctx.trace().notices.map((n) => ({ code: n.code, detail: n.detail, ...(n.source ? { source: n.source } : {}) })),
  });
  ctx.recordCache({ ...base, outcome: plan.invalidate ? 'invalidated' : 'miss' });
  return out;
}

function planCaching(input: MethodRequest, ctx: InvocationContext): CachePlan | undefined {
  const { route } = input;
  const { deployed, method, resource } = route;
  const state = deployed.state;
  if (state === undefined || !deployed.stage.cacheClusterEnabled) return undefined;
  const requestMethod = route.parsed.request.method;
  const settings = settingsOfMethod(deployed.stage, state.methodSettingOverrides, method, resource.path, method.httpMethod);
  // AWS: "Only GET methods have caching enabled by default"; other methods only through their own override.
  const enabled = requestMethod === 'GET' ? settings.cachingEnabled : settings.methodCachingEnabled;
  if (!enabled || settings.cacheTtlInSeconds <= 0) return undefined;
  const key = cacheKey(input);
  const plan = { key, ttlSeconds: Math.min(settings.cacheTtlInSeconds, 3600), invalidate: false, warn: false };
  if (!asksForFreshAnswer(route.parsed.request.headers)) return plan;
  if (!settings.requireAuthorizationForCacheControl) {
    ctx.note('Cache-Control: max-age=0: fetching from the integration and replacing the cache entry');
    return { ...plan, invalidate: true };
  }
  // gatehouse checks no IAM: no caller holds execute-api:InvalidateCache.
  const why = `Cache-Control: max-age=0 needs execute-api:InvalidateCache (RequireAuthorizationForCacheControl is on) and gatehouse treats every caller as unauthorized; strategy ${settings.unauthorizedCacheControlHeaderStrategy}`;
  switch (settings.unauthorizedCacheControlHeaderStrategy) {
    case 'FAIL_WITH_403':
      throw new GatewayError('CACHE_INVALIDATION_FORBIDDEN', why, {}, deployed.stage.source);
    case 'SUCCEED_WITH_RESPONSE_HEADER':
      ctx.notice('CACHE_INVALIDATION_IGNORED', `${why}: the cache was used and a Warning header added`, deployed.stage.source);
      return { ...plan, warn: true, invalidationIgnored: why };
    case 'SUCCEED_WITHOUT_RESPONSE_HEADER':
      ctx.notice('CACHE_INVALIDATION_IGNORED', `${why}: the cache was used`, deployed.stage.source);
      return { ...plan, invalidationIgnored: why };
  }
}

/**
 * `GET /items/{id}` plus the values of the cacheKeyParameters. AWS (documented): parameters not selected as cache
 * keys do not tell entries apart, so without `method.request.path.id` every /items/{id} shares one entry.
 */
function cacheKey(input: MethodRequest): string {
  const { route } = input;
  const parts = [`${route.parsed.request.method} ${route.resource.path}`];
  const query = parseQueryString(route.parsed.rawQuery);
  for (const name of route.method.cacheKeyParameters ?? []) {
    // method.request.{header|querystring|path}.<name>
    const [, , where, ...rest] = name.split('.');
    const paramName = rest.join('.');
    let value: string | undefined;
    if (where === 'header') value = headerValue(route.parsed.request.headers, paramName);
    else if (where === 'querystring') value = query.multi?.[paramName]?.join(',');
    else if (where === 'path') value = route.pathParameters?.[paramName];
    parts.push(`${name}=${value ?? ''}`);
  }
  return parts.join(' | ');
}

function asksForFreshAnswer(headers: MethodRequest['route']['parsed']['request']['headers']): boolean {
  return headers.some(
    ([name, value]) =>
      name.toLowerCase() === 'cache-control' && value.split(',').some((d) => d.trim().toLowerCase() === 'max-age=0'),
  );
}
