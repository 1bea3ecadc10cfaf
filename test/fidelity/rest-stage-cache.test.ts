import { describe, expect, it } from 'vitest';
import { UNAUTHORIZED_CACHE_CONTROL_WARNING } from '../../src/pipeline/rest/stage-cache.js';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// The REST stage cache. Every behaviour here is documented, none is recorded: LocalStack stores cache settings
// but never applies them, and no public capture of a cached answer exists (../shared/aws/api-gateway.md §11, §15).
// Docs: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
const fx = useFixtureGateway('stage-settings');

const callsOf = (res: { json(): unknown }) => (res.json() as { calls: number }).calls;

async function control(action: string, body: unknown) {
  return send(`${fx.url}/_gatehouse/control/${action}`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify(body),
  });
}

describe('REST stage cache', () => {
  // Docs: "API Gateway caches responses from your endpoint for a specified TTL"; default TTL 300 s.
  it('answers a repeated GET from the cache without calling the function, and marks the trace', async () => {
    const first = await fx.gateway.inject({ path: '/cached/items/1' });
    const second = await fx.gateway.inject({ path: '/cached/items/1' });
    expect(second.text()).toBe(first.text());
    expect(first.trace.cache).toMatchObject({ outcome: 'miss', key: 'GET /items/{id}', ttlSeconds: 300 });
    expect(second.trace.cache).toMatchObject({ outcome: 'hit', key: 'GET /items/{id}', ttlSeconds: 300, ageSeconds: 0 });
    expect(second.trace.lambda).toBeUndefined();
    expect(second.header('x-amzn-RequestId')).not.toBe(first.header('x-amzn-RequestId'));
  });

  // Docs: parameters not selected as cache keys do not tell entries apart; the proxy example has to declare
  // method.request.path.proxy for that reason. Here /items/{id} declares no key: /items/2 gets /items/1's answer.
  it('shares one entry between path values when the path parameter is no cache key', async () => {
    const one = await fx.gateway.inject({ path: '/cached/items/1' });
    const two = await fx.gateway.inject({ path: '/cached/items/2' });
    expect((two.json() as { path: string }).path).toBe('/items/1');
    expect(two.text()).toBe(one.text());
  });

  // Docs example: with only `type` a cache key, ?type=admin&department=B is served the entry of department=A.
  // SAM: RequestParameters with Caching: true become the integration's cacheKeyParameters.
  it('keys entries by cacheKeyParameters only (SAM RequestParameters Caching: true)', async () => {
    const a = await fx.gateway.inject({ path: '/cached/users?type=admin&department=A' });
    const b = await fx.gateway.inject({ path: '/cached/users?type=admin&department=B' });
    const c = await fx.gateway.inject({ path: '/cached/users?type=user&department=B' });
    expect(b.text()).toBe(a.text());
    expect((b.json() as { query: Record<string, string> }).query.department).toBe('A');
    expect(c.trace.cache).toMatchObject({ outcome: 'miss', key: 'GET /users | method.request.querystring.type=user' });
  });

  // Docs: "Only GET methods have caching enabled by default"; other methods through a method override.
  it('caches other methods only through their own method setting', async () => {
    const put1 = await fx.gateway.inject({ method: 'PUT', path: '/cached/posted' });
    const put2 = await fx.gateway.inject({ method: 'PUT', path: '/cached/posted' });
    expect(put2.trace.cache).toBeUndefined();
    expect(callsOf(put2)).toBeGreaterThan(callsOf(put1));
    await fx.gateway.inject({ method: 'POST', path: '/cached/posted' });
    const post2 = await fx.gateway.inject({ method: 'POST', path: '/cached/posted' });
    expect(post2.trace.cache?.outcome).toBe('hit');
  });

  // Docs: "TTL=0 means caching is disabled".
  it('does not cache a method whose CacheTtlInSeconds is 0', async () => {
    await fx.gateway.inject({ path: '/cached/uncached' });
    const again = await fx.gateway.inject({ path: '/cached/uncached' });
    expect(again.trace.cache).toBeUndefined();
    expect(again.trace.lambda).toBeDefined();
  });

  // Docs: the maximum size of a cached response is 1048576 bytes.
  it('does not store an answer over 1 MB', async () => {
    const big = await fx.gateway.inject({ path: '/cached/big?size=1048576' });
    expect(big.body.length).toBeGreaterThan(1_048_576);
    expect(big.trace.cache?.outcome).toBe('not-stored');
    const again = await fx.gateway.inject({ path: '/cached/big?size=1048576' });
    expect(again.trace.cache?.outcome).toBe('not-stored');
  });

  it('has no cache on a stage without CacheClusterEnabled', async () => {
    await fx.gateway.inject({ path: '/plain/count' });
    expect((await fx.gateway.inject({ path: '/plain/count' })).trace.cache).toBeUndefined();
  });

  // Docs: without execute-api:InvalidateCache, and with "require authorization" on (AWS's default, recorded in
  // LocalStack's update-stage snapshot), Cache-Control: max-age=0 is handled by UnauthorizedCacheControlHeaderStrategy,
  // SUCCEED_WITH_RESPONSE_HEADER by default. The warning header's text is not established (inferred).
  it('ignores an unauthorized Cache-Control: max-age=0 and adds a warning header (the default strategy)', async () => {
    await send(`${fx.url}/cached/items/7`);
    const res = await send(`${fx.url}/cached/items/7`, { headers: [['Cache-Control', 'max-age=0']] });
    expect(res.header('Warning')).toBe(UNAUTHORIZED_CACHE_CONTROL_WARNING);
    const injected = await fx.gateway.inject({ path: '/cached/items/7', headers: { 'Cache-Control': 'max-age=0' } });
    expect(injected.trace.cache?.outcome).toBe('hit');
    expect(injected.explanation).toContain('Cache-Control: max-age=0 ignored');
  });

  it('follows UpdateStage settings from the control interface: FAIL_WITH_403, SUCCEED_WITHOUT_RESPONSE_HEADER, no authorization', async () => {
    const path = '/~1logo.png/GET/caching';
    await fx.gateway.inject({ path: '/cached/logo.png' });
    // FAIL_WITH_403: status documented; body and x-amzn-ErrorType not established (see the catalogue).
    expect(
      (
        await control('update-stage', {
          stage: 'cached',
          patchOperations: [{ op: 'replace', path: `${path}/unauthorizedCacheControlHeaderStrategy`, value: 'FAIL_WITH_403' }],
        })
      ).status,
    ).toBe(200);
    const refused = await send(`${fx.url}/cached/logo.png`, { headers: [['Cache-Control', 'max-age=0']] });
    expect(refused.status).toBe(403);
    expect(refused.text()).toBe('{"message":"Forbidden"}');
    await control('update-stage', {
      stage: 'cached',
      patchOperations: [
        { op: 'replace', path: `${path}/unauthorizedCacheControlHeaderStrategy`, value: 'SUCCEED_WITHOUT_RESPONSE_HEADER' },
      ],
    });
    const quiet = await send(`${fx.url}/cached/logo.png`, { headers: [['Cache-Control', 'max-age=0']] });
    expect(quiet.status).toBe(200);
    expect(quiet.header('Warning')).toBeUndefined();
    // Without "require authorization", any client may invalidate: the integration answers and replaces the entry.
    await control('update-stage', {
      stage: 'cached',
      patchOperations: [{ op: 'replace', path: `${path}/requireAuthorizationForCacheControl`, value: 'false' }],
    });
    const fresh = await fx.gateway.inject({ path: '/cached/logo.png', headers: { 'Cache-Control': 'max-age=0' } });
    expect(fresh.trace.cache?.outcome).toBe('invalidated');
    expect(fresh.trace.lambda).toBeDefined();
    expect((await fx.gateway.inject({ path: '/cached/logo.png' })).trace.cache?.outcome).toBe('hit');
  });

  // Docs: "Flush entire cache": afterwards responses come from the integration until the cache is rebuilt.
  it('flushes the stage cache through the control interface', async () => {
    await fx.gateway.inject({ path: '/cached/items/9' });
    const flushed = await control('flush-cache', { stage: 'cached' });
    expect(flushed.status).toBe(200);
    expect((flushed.json() as { flushed: { entries: number }[] }).flushed[0]?.entries).toBeGreaterThan(0);
    expect((await fx.gateway.inject({ path: '/cached/items/9' })).trace.cache?.outcome).toBe('miss');
  });
});
