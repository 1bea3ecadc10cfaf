import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// The inspector shows request bodies and replays requests, so it is guarded like the control interface
// (docs/decisions/0002-control-interface.md): no foreign Origin, no non-loopback Host (DNS rebinding), JSON POSTs only.
const fx = useFixtureGateway('access-logs');
const inspector = (path = '') => `${fx.url}/_gatehouse/inspector/${path}`;

/** The first bytes of a response that may never end (server-sent events). */
function head(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      res.once('data', (chunk: Buffer) => {
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text: chunk.toString() });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('inspector access', () => {
  it('serves the page and the event stream to gatehouse itself', async () => {
    const page = await send(inspector());
    expect(page.status).toBe(200);
    expect(page.header('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.header('Content-Security-Policy')).toContain("default-src 'self'");
    expect(page.header('X-Frame-Options')).toBe('DENY');
    const events = await head(inspector('api/events'), { Origin: `http://${new URL(fx.url).host}` });
    expect(events.status).toBe(200);
    expect(events.type).toBe('text/event-stream; charset=utf-8');
    expect(events.text).toContain('event: snapshot');
  });

  it('refuses a page from another origin, for the page, the event stream and the exchange data', async () => {
    const evil = { Origin: 'http://evil.example' };
    expect((await head(inspector(), evil)).status).toBe(403);
    const events = await head(inspector('api/events'), evil);
    expect(events.status).toBe(403);
    expect(events.text).toContain('is not gatehouse itself');
    expect((await head(inspector('api/exchanges/1'), evil)).status).toBe(403);
  });

  // DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 sends Host: evil.example.
  it('refuses a Host that is not a loopback name', async () => {
    const page = await send(inspector(), { headers: [['Host', 'evil.example:3000']] });
    expect(page.status).toBe(403);
    expect((page.json() as { message: string }).message).toContain('is not a loopback name');
    expect((await head(inspector('api/events'), { Host: 'evil.example' })).status).toBe(403);
  });

  it('replays only on a JSON POST (a form a page could send cross-origin is refused)', async () => {
    await send(`${fx.url}/logged/echo`);
    const form = await send(inspector('api/exchanges/1/replay'), {
      method: 'POST',
      headers: [['Content-Type', 'text/plain']],
      body: '{}',
    });
    expect(form.status).toBe(403);
    const ok = await send(inspector('api/exchanges/1/replay'), {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: '{}',
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ id: 2, replayOf: 1, method: 'GET', target: '/logged/echo', status: 200 });
    expect(fx.gateway.inspectorUrl).toBeDefined();
  });

  it('serves only its own files', async () => {
    expect((await send(inspector('..%2F..%2Fpackage.json'))).status).toBe(404);
    expect((await send(inspector('ui/app.js'))).status).toBe(404);
    expect((await send(inspector('app.js'))).status).toBe(200);
  });
});
