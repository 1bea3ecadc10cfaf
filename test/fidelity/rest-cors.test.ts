import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// REST APIs add no CORS headers by themselves (documented, how-to-cors.html): gatehouse answers exactly as
// AWS does and explains when a browser would block the answer.
const fx = useFixtureGateway('rest-proxy');

describe('REST API CORS explanations', () => {
  it('explains a preflight with no OPTIONS method (403 as on AWS)', async () => {
    const res = await fx.gateway.inject({
      method: 'OPTIONS',
      path: '/strict/items/1',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(403);
    expect(res.header('access-control-allow-origin')).toBeUndefined();
    const notice = res.trace.notices.find((n) => n.code === 'CORS_WOULD_BLOCK');
    expect(notice?.detail).toMatch(/preflight.*no OPTIONS method/);
  });

  it('explains a response without Access-Control-Allow-Origin, and passes the function headers untouched', async () => {
    const blocked = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/return',
      headers: { Origin: 'https://app.example.com' },
      body: { result: { statusCode: 200 } },
    });
    expect(blocked.trace.notices.map((n) => n.code)).toContain('CORS_WOULD_BLOCK');
    const allowed = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/return',
      headers: { Origin: 'https://app.example.com' },
      body: { result: { statusCode: 200, headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' } } },
    });
    expect(allowed.header('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(allowed.trace.notices.map((n) => n.code)).not.toContain('CORS_WOULD_BLOCK');
  });

  it('says nothing for same-origin requests (no Origin header)', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/return', body: { result: { statusCode: 200 } } });
    expect(res.trace.notices).toEqual([]);
  });
});
