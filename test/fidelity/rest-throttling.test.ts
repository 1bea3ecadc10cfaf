import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// Stage and method throttling: token buckets sized by MethodSettings ThrottlingBurstLimit, refilled at
// ThrottlingRateLimit per second; the account default is 10000 per second, burst 5000.
// Docs: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
// Body: "429 Too Many Requests" (repost.aws/knowledge-center/api-gateway-429-limit); the default gateway-response
// template gives {"message":"Too Many Requests"}. x-amzn-ErrorType TooManyRequestsException as LocalStack (not recorded).
const fx = useFixtureGateway('stage-settings');

describe('REST throttling', () => {
  it('answers 429 once the method bucket (burst 2, rate ~0) is empty, and explains which limit', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(`${fx.url}/cached/throttled`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const res = await send(`${fx.url}/cached/throttled`);
    expect(res.status).toBe(429);
    expect(res.text()).toBe('{"message":"Too Many Requests"}');
    expect(res.header('x-amzn-ErrorType')).toBe('TooManyRequestsException');
    expect(res.header('Content-Type')).toBe('application/json');
    const injected = await fx.gateway.inject({ path: '/cached/throttled' });
    expect(injected.trace.failure?.code).toBe('THROTTLED');
    expect(injected.explanation).toContain('limited to 0.001 requests per second with a burst of 2');
  });

  it('refuses every request to a method with a burst of 0', async () => {
    const res = await send(`${fx.url}/cached/closed`);
    expect(res.status).toBe(429);
  });

  it('lets other methods use their own bucket (the account default)', async () => {
    for (let i = 0; i < 5; i++) expect((await send(`${fx.url}/plain/count`)).status).toBe(200);
  });
});
