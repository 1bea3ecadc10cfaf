import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// What HTTP APIs do with Lambda results, through the real server.
// Docs: http-api-develop-integrations-lambda.html (2.0 inference; 1.0 format); Knowledge Center
// api-gateway-status-codes-http-api; captures: docs/research/http-api-behaviour.md §3–4.
const fx = useFixtureGateway('http-api');

function returning(path: string, result: unknown, headers: [string, string][] = []) {
  return send(`${fx.url}${path}`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json'], ...headers],
    body: JSON.stringify({ result }),
  });
}

describe('payload 2.0 response inference (documented)', () => {
  it('sends a string result as the body without quotes, as application/json', async () => {
    const res = await returning('/return', 'Hello from Lambda!');
    expect(res.status).toBe(200);
    expect(res.text()).toBe('Hello from Lambda!');
    expect(res.header('Content-Type')).toBe('application/json');
  });

  it('sends an object without statusCode as the JSON body, headers not applied', async () => {
    const res = await returning('/return', { body: 'x', headers: { 'x-a': '1' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ body: 'x', headers: { 'x-a': '1' } });
    expect(res.header('x-a')).toBeUndefined();
  });

  it.each([
    [42, '42'],
    [true, 'true'],
    [['hello', 3, true], '["hello",3,true]'],
  ])('sends %j as %s', async (result, body) => {
    expect((await returning('/return', result)).text()).toBe(body);
  });

  it('uses statusCode, headers, body, cookies and decodes isBase64Encoded always', async () => {
    const res = await returning('/return', {
      statusCode: 201,
      headers: { 'content-type': 'text/plain', 'x-custom': 'yes' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: Buffer.from('bytes\u0000here').toString('base64'),
      isBase64Encoded: true,
    });
    expect(res.status).toBe(201);
    expect(res.header('Content-Type')).toBe('text/plain');
    expect(res.header('x-custom')).toBe('yes');
    // Documented: each cookie becomes a set-cookie header.
    expect(res.all('set-cookie')).toEqual(['a=1; Path=/', 'b=2']);
    expect(res.body.toString()).toBe('bytes\u0000here');
  });

  it('adds the HTTP API gateway headers, apigw-requestid last (captured)', async () => {
    const res = await returning('/return', { statusCode: 200, body: 'ok' });
    expect(res.headers.map(([n]) => n)).toEqual(['Date', 'Content-Type', 'Content-Length', 'Connection', 'apigw-requestid']);
    expect(res.header('apigw-requestid')).toMatch(/^[A-Za-z0-9_-]{15}=$/);
  });
});

describe('payload 1.0 responses on an HTTP API', () => {
  it('uses a proper 1.0 response', async () => {
    const res = await returning('/dev/return-v1', {
      statusCode: 202,
      headers: { 'x-a': 'b' },
      multiValueHeaders: { 'x-m': ['1', '2'] },
      body: 'hi',
    });
    expect(res.status).toBe(202);
    expect(res.text()).toBe('hi');
    expect(res.all('x-m')).toEqual(['1', '2']);
  });

  // Documented (Knowledge Center api-gateway-status-codes-http-api): no assumptions in 1.0 → 500.
  it.each([
    ['an object without statusCode', { body: 'x' }],
    ['a bare string', 'Hello'],
  ])('answers %s with 500 Internal Server Error', async (_name, result) => {
    const res = await returning('/dev/return-v1', result);
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"message":"Internal Server Error"}');
    expect(res.header('x-amzn-ErrorType')).toBeUndefined();
    const injected = await fx.gateway.inject({ method: 'POST', path: '/dev/return-v1', body: { result } });
    expect(injected.trace.failure?.code).toBe('HTTP_MALFORMED_LAMBDA_RESPONSE');
    expect(injected.explanation).toMatch(/payload format 1\.0/);
  });
});

describe('HTTP API gateway answers', () => {
  it('answers 404 Not Found when no route matches (documented)', async () => {
    const root = await send(`${fx.url}/`, { method: 'POST' });
    expect(root.status).toBe(404);
    expect(root.text()).toBe('{"message":"Not Found"}');
    const named = await send(`${fx.url}/dev/nothing`);
    expect(named.status).toBe(404);
    expect(named.header('apigw-requestid')).toMatch(/=$/);
  });

  // Recorded (awslabs/aws-lambda-cpp#117; docs/research/http-api-behaviour.md §4): 35-byte body.
  it('answers a function error with 500 Internal Server Error', async () => {
    const res = await send(`${fx.url}/fail/throw`);
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"message":"Internal Server Error"}');
    const injected = await fx.gateway.inject({ path: '/fail/throw' });
    expect(injected.trace.failure?.code).toBe('HTTP_LAMBDA_FUNCTION_ERROR');
    expect(injected.explanation).toMatch(/something broke/);
  });

  // Recorded (raw 503 captures; the Knowledge Center says 504: the captures win).
  it('answers an integration timeout and a throttle with 503 Service Unavailable', async () => {
    const slow = await send(`${fx.url}/slow`);
    expect(slow.status).toBe(503);
    expect(slow.text()).toBe('{"message":"Service Unavailable"}');
    const throttled = await send(`${fx.url}/throttled`);
    expect(throttled.status).toBe(503);
  });
});
