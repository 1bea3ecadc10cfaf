import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// The control interface (docs/decisions/0002-control-interface.md): loopback only, and never drivable by a web page.
const fx = useFixtureGateway('stage-settings');
const control = (action: string) => `${fx.url}/_gatehouse/control/${action}`;
const json: [string, string] = ['Content-Type', 'application/json'];

describe('control interface', () => {
  it('reports deployments per stage, cache entries and pending changes', async () => {
    await fx.gateway.inject({ path: '/cached/items/1' });
    const res = await send(control('status'));
    expect(res.status).toBe(200);
    expect(res.header('Cache-Control')).toBe('no-store');
    const status = res.json() as {
      mode: string;
      restStages: { stage: string; deployment: { number: number }; pending: unknown; cacheEntries: { key: string }[] }[];
    };
    expect(status.mode).toBe('auto');
    const cached = status.restStages.find((s) => s.stage === 'cached');
    expect(cached?.pending).toBeNull();
    expect(cached?.cacheEntries.map((e) => e.key)).toContain('GET /items/{id}');
  });

  it('deploys (nothing to do here) and names an unknown stage', async () => {
    const ok = await send(control('deploy'), { method: 'POST', headers: [json], body: '{}' });
    expect((ok.json() as { deployments: unknown[] }).deployments).toEqual([]);
    const unknown = await send(control('deploy'), { method: 'POST', headers: [json], body: '{"stage":"nope"}' });
    expect(unknown.status).toBe(404);
    expect((unknown.json() as { message: string }).message).toContain('no REST API has a stage named "nope"');
  });

  // DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 sends Host: evil.example.
  it('refuses a Host that is not a loopback name', async () => {
    const res = await send(control('status'), { headers: [['Host', 'evil.example:3000']] });
    expect(res.status).toBe(403);
    expect((res.json() as { message: string }).message).toContain('is not a loopback name');
  });

  it('refuses a request from another origin, and a POST that is not JSON (a form a page could send)', async () => {
    const origin = await send(control('flush-cache'), {
      method: 'POST',
      headers: [json, ['Origin', 'http://evil.example']],
      body: '{"stage":"cached"}',
    });
    expect(origin.status).toBe(403);
    const form = await send(control('flush-cache'), {
      method: 'POST',
      headers: [['Content-Type', 'text/plain']],
      body: '{"stage":"cached"}',
    });
    expect(form.status).toBe(403);
    const own = new URL(fx.url);
    const same = await send(control('flush-cache'), {
      method: 'POST',
      headers: [json, ['Origin', `http://${own.host}`]],
      body: '{"stage":"cached"}',
    });
    expect(same.status).toBe(200);
  });

  it('is not part of any API: control paths never reach the pipeline', async () => {
    const res = await send(`${fx.url}/_gatehouse/control/nothing`);
    expect(res.status).toBe(405);
  });
});
