import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// API keys and usage plans. Recorded (LocalStack test_api_key_required_for_methods, validated 2023-07-27): a
// method with apiKeyRequired answers 403 without a key, 200 with a key of a usage plan bound to the stage, and 403
// again once the key is disabled. Body {"message":"Forbidden"}: verbatim in public reports (aws/chalice#1835).
// Throttle and quota: "429 Too Many Requests" / "Limit Exceeded" (repost.aws/knowledge-center/api-gateway-429-limit).
const fx = useFixtureGateway('stage-settings');

const withKey = (key: string | undefined, path = '/keyed/data') =>
  send(`${fx.url}${path}`, { headers: key === undefined ? [] : [['x-api-key', key]] });

describe('REST API keys and usage plans', () => {
  it('answers 403 Forbidden without a key, with an unknown, a disabled or a plan-less key', async () => {
    for (const key of [undefined, 'no-such-key-0123456789', 'disabled-key-0123456789abcdef', 'lonely-key-0123456789abcdef']) {
      const res = await withKey(key);
      expect(res.status).toBe(403);
      expect(res.text()).toBe('{"message":"Forbidden"}');
      expect(res.header('x-amzn-ErrorType')).toBe('ForbiddenException');
    }
    const disabled = await fx.gateway.inject({ path: '/keyed/data', headers: { 'x-api-key': 'disabled-key-0123456789abcdef' } });
    expect(disabled.explanation).toContain('API key DisabledKey is disabled');
    const lonely = await fx.gateway.inject({ path: '/keyed/data', headers: { 'X-API-Key': 'lonely-key-0123456789abcdef' } });
    expect(lonely.explanation).toContain('is in no usage plan whose ApiStages include KeyedApi stage keyed');
  });

  it('lets a method with Auth.ApiKeyRequired: false through without a key', async () => {
    expect((await withKey(undefined, '/keyed/open')).status).toBe(200);
  });

  it("throttles a key by its usage plan's bucket: 429 Too Many Requests", async () => {
    expect((await withKey('fixed-key-0123456789abcdef')).status).toBe(200);
    const res = await withKey('fixed-key-0123456789abcdef');
    expect(res.status).toBe(429);
    expect(res.text()).toBe('{"message":"Too Many Requests"}');
    const injected = await fx.gateway.inject({ path: '/keyed/data', headers: { 'x-api-key': 'fixed-key-0123456789abcdef' } });
    expect(injected.trace.failure?.code).toBe('USAGE_PLAN_THROTTLED');
    expect(injected.trace.awsLog.join('\n')).toMatch(/API Key \*+abcdef exceeded throttle limit for API Stage \w+\/keyed/);
  });

  it('enforces the quota of the key SAM creates for Auth.UsagePlan: 429 Limit Exceeded after 3 a day', async () => {
    const key = fx.gateway.model.apiKeys?.find((k) => k.logicalId === 'KeyedApiApiKey');
    expect(key?.generated).toBe(true);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await withKey(key?.value)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await withKey(key?.value);
    expect(res.text()).toBe('{"message":"Limit Exceeded"}');
    expect(res.header('x-amzn-ErrorType')).toBe('LimitExceededException');
  });
});
