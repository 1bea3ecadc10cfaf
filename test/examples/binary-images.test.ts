import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedGateway, startGateway } from '../../src/index.js';
import { send } from '../support/http-client.js';

// The bundled example (README's first command) end to end: the seed story of a PNG served through an API
// that lists image types as binary and through one that does not.
const template = fileURLToPath(new URL('../../examples/binary-images/template.yaml', import.meta.url));
const logoFile = fileURLToPath(new URL('../../examples/binary-images/src/logo.png', import.meta.url));
// What Chromium sends for <img> requests: the first media type is image/avif.
const IMG_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

let gw: StartedGateway;
let logo: Buffer;
beforeAll(async () => {
  gw = await startGateway({ template });
  logo = await readFile(logoFile);
});
afterAll(async () => gw.close());

describe('examples/binary-images', () => {
  it('serves the PNG as bytes through FixedApi (image/* matches a browser Accept)', async () => {
    const res = await send(`${gw.url}/fixed/logo.png`, { headers: [['Accept', IMG_ACCEPT]] });
    expect(res.status).toBe(200);
    expect(res.header('Content-Type')).toBe('image/png');
    expect(res.body.equals(logo)).toBe(true);
  });

  // AWS (recorded, test_aws_proxy_binary_response): no binaryMediaTypes → the client gets the base64 text.
  it('serves base64 text instead of the PNG through BrokenApi, byte for byte, and explains why', async () => {
    const res = await send(`${gw.url}/broken/logo.png`, { headers: [['Accept', IMG_ACCEPT]] });
    expect(res.status).toBe(200);
    expect(res.header('Content-Type')).toBe('image/png');
    expect(res.text()).toBe(logo.toString('base64'));
    const injected = await gw.inject({ path: '/broken/logo.png', headers: { Accept: IMG_ACCEPT } });
    expect(injected.body.equals(res.body)).toBe(true);
    expect(injected.explanation).toContain('Binary body sent to the client as base64 text');
    expect(injected.explanation).toContain('the first media type of Accept');
    expect(injected.explanation).toContain('is image/avif, and the API has no binaryMediaTypes');
    expect(injected.explanation).toMatch(/template\.yaml:\d+:\d+ \(Resources\.BrokenApi\)/);
  });

  it('answers the object-body handler with 502 and names the handler line', async () => {
    const res = await send(`${gw.url}/fixed/report`);
    expect(res.status).toBe(502);
    expect(res.text()).toBe('{"message": "Internal server error"}');
    const injected = await gw.inject({ path: '/fixed/report' });
    expect(injected.explanation).toContain('body is an object, must be a string');
    expect(injected.explanation).toMatch(/report\.mjs:2 \(export handler\)/);
  });

  it('serves the JSON route and the page', async () => {
    const hello = await send(`${gw.url}/fixed/hello?x=1`);
    expect(hello.json()).toEqual({ message: 'Hello from gatehouse', stage: 'fixed', path: '/hello', query: { x: '1' } });
    const httpHello = await send(`${gw.url}/http/hello?x=1`);
    expect(httpHello.json()).toEqual({ message: 'Hello from gatehouse', stage: 'http', path: '/http/hello', query: { x: '1' } });
    const page = await send(`${gw.url}/broken/`);
    expect(page.header('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.text()).toContain('<img id="logo" src="/broken/logo.png"');
  });

  // The same functions behind an HTTP API: the differences a user hits (README "REST API or HTTP API").
  it('serves the PNG as bytes through the HTTP API whatever the Accept (documented: no binaryMediaTypes there)', async () => {
    const res = await send(`${gw.url}/http/logo.png`, { headers: [['Accept', 'text/html']] });
    expect(res.status).toBe(200);
    expect(res.body.equals(logo)).toBe(true);
  });

  it('answers a throwing function 502 on REST and 500 on the HTTP API', async () => {
    const rest = await send(`${gw.url}/fixed/boom`);
    expect([rest.status, rest.text()]).toEqual([502, '{"message": "Internal server error"}']);
    const http = await send(`${gw.url}/http/boom`);
    expect([http.status, http.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
  });

  it('answers an unknown path 403 on REST and 404 on the HTTP API', async () => {
    const rest = await send(`${gw.url}/fixed/nothing`);
    expect([rest.status, rest.text()]).toEqual([403, '{"message":"Missing Authentication Token"}']);
    const http = await send(`${gw.url}/http/nothing`);
    expect([http.status, http.text()]).toEqual([404, '{"message":"Not Found"}']);
  });

  it('answers GET / with an index of the APIs', async () => {
    const index = (await send(`${gw.url}/`)).json() as { apis: { logicalId: string; stages: { name: string }[] }[] };
    expect(index.apis.map((a) => [a.logicalId, a.stages.map((s) => s.name)])).toEqual([
      ['FixedApi', ['fixed']],
      ['BrokenApi', ['broken']],
      ['HttpImagesApi', ['http']],
    ]);
  });
});
