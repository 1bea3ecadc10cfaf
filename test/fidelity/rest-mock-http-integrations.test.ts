import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedGateway, startGateway } from '../../src/index.js';
import { send } from '../support/http-client.js';

// MOCK, HTTP and HTTP_PROXY integrations, customised gateway responses and request validators, from an OpenAPI
// DefinitionBody. The HTTP endpoint is a real server on 127.0.0.1 whose address reaches the integration URIs
// through a stage variable. Spec: ../shared/aws/api-gateway.md §6.3, §7, §8.
const template = fileURLToPath(new URL('../fixtures/projects/rest-openapi/template.yaml', import.meta.url));
let upstream: Server;
let gw: StartedGateway;
const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (req.url?.startsWith('/json')) {
        const say = new URL(req.url, 'http://x').searchParams.get('say') ?? 'nothing';
        res.writeHead(say === 'fail' ? 503 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ said: say }));
        return;
      }
      res.writeHead(201, { 'content-type': 'text/plain', 'x-upstream': 'yes', server: 'upstream/1.0' });
      res.end(`upstream saw ${req.method} ${req.url}`);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as AddressInfo).port;
  gw = await startGateway({ template, parameterOverrides: { UpstreamHost: `127.0.0.1:${port}` } });
});

afterAll(async () => {
  await gw?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('MOCK integrations', () => {
  // Documented (how-to-mock-integration.html): the request template's statusCode selects the integration response.
  it('statusCode from the request template selects the response; the response template makes the body', async () => {
    const ok = await send(`${gw.url}/dev/mock?code=200`);
    expect(ok.status).toBe(200);
    expect(ok.text()).toBe('{"mocked": true}');
    // Recorded (§8): no X-Amzn-Trace-Id for MOCK.
    expect(ok.header('X-Amzn-Trace-Id')).toBeUndefined();
    const bad = await send(`${gw.url}/dev/mock?code=404`);
    expect(bad.status).toBe(400);
    expect(bad.text()).toBe('{"mocked": "bad"}');
  });

  // Recorded (test_lambda_aws_integration_response_with_mapping_templates): responseOverride.status 202 works
  // without a declared 202 method response.
  it('$context.responseOverride sets the status and a header', async () => {
    const res = await send(`${gw.url}/dev/override`);
    expect(res.status).toBe(202);
    expect(res.header('X-Override')).toBe('yes');
    expect(res.text().trim()).toBe('{"accepted": true}');
  });
});

describe('HTTP_PROXY to a real upstream, with a stage variable in the URI', () => {
  it('forwards method, path, query and body; returns the upstream status, headers and body', async () => {
    const res = await send(`${gw.url}/dev/upstream/a/b?x=1`, {
      method: 'PUT',
      body: 'payload',
      headers: [['Content-Type', 'text/plain']],
    });
    expect(res.status).toBe(201);
    expect(res.text()).toBe('upstream saw PUT /a/b?x=1');
    expect(res.header('x-upstream')).toBe('yes');
    expect(res.header('Content-Type')).toBe('text/plain');
    // Recorded (header-remapping test, HTTP_PROXY): reserved headers come back as x-amzn-Remapped-*.
    expect(res.header('x-amzn-Remapped-server')).toBe('upstream/1.0');
    expect(seen.at(-1)?.body).toBe('payload');
  });
});

describe('HTTP (non-proxy) integration', () => {
  it('maps a query parameter, runs the response template on the upstream JSON', async () => {
    const res = await gw.inject({ path: '/dev/mapped-http?say=hi' });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('{"upstreamSaid": "hi"}');
    expect(seen.at(-1)?.url).toBe('/json?say=hi');
    expect(res.trace.awsLog).toContain('Endpoint response body before transformations: {"said":"hi"}');
  });

  it('selection patterns match the upstream status code', async () => {
    const res = await gw.inject({ path: '/dev/mapped-http?say=fail' });
    expect(res.status).toBe(502);
    expect(res.text()).toBe('{"upstream": "failed"}');
  });
});

describe('gateway responses', () => {
  // Documented (api-gateway-gatewayResponse-definition.html): status, headers and templates of a customised type.
  it('a customised MISSING_AUTHENTICATION_TOKEN answers 404 with its template and header', async () => {
    const res = await send(`${gw.url}/dev/no/such/route`);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'not found', type: 'MISSING_AUTHENTICATION_TOKEN' });
    expect(res.header('X-Why')).toBe('no route');
    expect(res.header('x-amzn-ErrorType')).toBe('MissingAuthenticationTokenException');
  });
});

describe('request validators and models', () => {
  // Documented (api-gateway-method-request-validation.html).
  it('a missing required query string parameter: 400 BAD_REQUEST_PARAMETERS', async () => {
    const res = await gw.inject({
      method: 'POST',
      path: '/dev/validated',
      headers: { 'content-type': 'application/json' },
      body: { name: 'Rex' },
    });
    expect(res.status).toBe(400);
    expect(res.text()).toBe('{"message":"Missing required request parameters: [q]"}');
    expect(res.header('x-amzn-ErrorType')).toBe('BadRequestException');
  });

  it('a body that does not match the model: 400 BAD_REQUEST_BODY, the violation in the trace', async () => {
    const res = await gw.inject({
      method: 'POST',
      path: '/dev/validated?q=1',
      headers: { 'content-type': 'application/json' },
      body: { name: 7 },
    });
    expect(res.status).toBe(400);
    expect(res.text()).toBe('{"message":"Invalid request body"}');
    expect(res.trace.failure?.detail).toMatch(/\/name must be string/);
    // DEFAULT_4XX is customised with a header, which BAD_REQUEST_BODY falls back to.
    expect(res.header('Access-Control-Allow-Origin')).toBe('*');
  });

  it('a valid request passes', async () => {
    const res = await gw.inject({
      method: 'POST',
      path: '/dev/validated?q=1',
      headers: { 'content-type': 'application/json' },
      body: { name: 'Rex' },
    });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('{"valid": true}');
  });
});
