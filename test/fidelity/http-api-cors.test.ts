import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// CORS on an HTTP API with CorsConfiguration (NamedApi: origin https://app.example.com, credentials).
// Documented (http-api-cors.html): preflights answered by API Gateway even without an OPTIONS route;
// integration CORS headers ignored. Recorded (docs/research/http-api-behaviour.md §6): allowed origin
// echoed with `vary: origin` and allow-credentials on normal answers. Preflight status 204: inferred.
const fx = useFixtureGateway('http-api');
const ORIGIN = 'https://app.example.com';

describe('HTTP API CORS', () => {
  it('answers a preflight itself, without an OPTIONS route', async () => {
    const res = await send(`${fx.url}/dev/return-v2`, {
      method: 'OPTIONS',
      headers: [
        ['Origin', ORIGIN],
        ['Access-Control-Request-Method', 'POST'],
        ['Access-Control-Request-Headers', 'content-type'],
      ],
    });
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
    expect(res.header('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.header('access-control-allow-methods')).toBe('GET,POST');
    expect(res.header('access-control-allow-headers')).toBe('content-type,x-custom');
    expect(res.header('access-control-max-age')).toBe('600');
    expect(res.header('access-control-allow-credentials')).toBe('true');
    const injected = await fx.gateway.inject({
      method: 'OPTIONS',
      path: '/dev/return-v2',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(injected.trace.lambda).toBeUndefined();
  });

  it('adds the configured headers to an answer and replaces the integration CORS headers', async () => {
    const res = await send(`${fx.url}/dev/return-v2`, {
      method: 'POST',
      headers: [
        ['Origin', ORIGIN],
        ['Content-Type', 'application/json'],
      ],
      body: JSON.stringify({ result: { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'ok' } }),
    });
    expect(res.status).toBe(200);
    expect(res.all('access-control-allow-origin')).toEqual([ORIGIN]);
    expect(res.header('vary')).toBe('origin');
    expect(res.header('access-control-allow-credentials')).toBe('true');
    expect(res.header('access-control-expose-headers')).toBe('x-request-id');
  });

  it('adds nothing for an origin that is not allowed, and strips the integration headers', async () => {
    const res = await send(`${fx.url}/dev/return-v2`, {
      method: 'POST',
      headers: [
        ['Origin', 'https://evil.example'],
        ['Content-Type', 'application/json'],
      ],
      body: JSON.stringify({ result: { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'ok' } }),
    });
    expect(res.header('access-control-allow-origin')).toBeUndefined();
  });

  it('leaves APIs without CorsConfiguration alone: OPTIONS goes to the routes', async () => {
    const res = await send(`${fx.url}/anything`, {
      method: 'OPTIONS',
      headers: [
        ['Origin', ORIGIN],
        ['Access-Control-Request-Method', 'POST'],
      ],
    });
    expect(res.status).toBe(200);
    expect((res.json() as any).routeKey).toBe('ANY /{proxy+}');
  });
});
