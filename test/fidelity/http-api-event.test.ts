import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// The events HTTP APIs send to Lambda, through the real server.
// Docs: http-api-develop-integrations-lambda.html; captured events: test/fixtures/aws/http/*.json;
// rules and sources: docs/research/http-api-behaviour.md §1–2.
const fx = useFixtureGateway('http-api');

async function eventFor(path: string, init: Parameters<typeof send>[1] = {}) {
  const res = await send(`${fx.url}${path}`, init);
  expect(res.status).toBe(200);
  return res.json() as Record<string, any>;
}

describe('HTTP API payload 2.0 event', () => {
  it('has the 2.0 shape on the $default stage, with absent parts omitted (recorded)', async () => {
    const event = await eventFor('/items/42');
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /items/{id}');
    expect(event.rawPath).toBe('/items/42');
    expect(event.rawQueryString).toBe('');
    expect(event.pathParameters).toEqual({ id: '42' });
    expect(event.isBase64Encoded).toBe(false);
    // Recorded (v2-default-stage-get-minimal.json): omitted, not null.
    for (const key of ['cookies', 'queryStringParameters', 'stageVariables', 'body']) expect(event).not.toHaveProperty(key);
    const rc = event.requestContext;
    expect(rc.stage).toBe('$default');
    expect(rc.routeKey).toBe('GET /items/{id}');
    expect(rc.http).toEqual({ method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' });
    // Recorded: 16-character request ids ending in `=`, also sent as apigw-requestid.
    expect(rc.requestId).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(rc.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof rc.timeEpoch).toBe('number');
    const recorded = (await import('../fixtures/aws/http/v2-named-stage-post-path-params.json', { with: { type: 'json' } }))
      .default as any;
    expect(Object.keys(rc).sort()).toEqual(Object.keys(recorded.requestContext).sort());
  });

  it('lower-cases header names, joins repeats with commas, moves cookies out of headers', async () => {
    const event = await eventFor('/anything?b=2&a=1&a=x%20y', {
      headers: [
        ['X-Multi', 'one'],
        ['x-multi', 'two'],
        ['Cookie', 'c1=v1; c2=v2'],
        ['User-Agent', 'agent/1'],
      ],
    });
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['c1=v1', 'c2=v2']);
    expect(event.headers['user-agent']).toBe('agent/1');
    // Recorded: content-length present ("0" without a body) and the headers API Gateway adds.
    expect(event.headers['content-length']).toBe('0');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-forwarded-proto']).toBe('http');
    // Documented: repeated query keys are comma-joined; rawQueryString verbatim.
    expect(event.rawQueryString).toBe('b=2&a=1&a=x%20y');
    expect(event.queryStringParameters).toEqual({ b: '2', a: '1,x y' });
    expect(event.routeKey).toBe('ANY /{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'anything' });
  });

  it('keeps a named stage in rawPath and http.path, and matches routes without it (recorded)', async () => {
    const event = await eventFor('/dev/v2/deep/path');
    expect(event.rawPath).toBe('/dev/v2/deep/path');
    expect(event.requestContext.http.path).toBe('/dev/v2/deep/path');
    expect(event.requestContext.stage).toBe('dev');
    expect(event.routeKey).toBe('ANY /v2/{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'deep/path' });
    expect(event.stageVariables).toEqual({ flavour: 'vanilla' });
  });

  it('passes JSON and text bodies as text and other types base64 (inferred text-type list)', async () => {
    const json = await eventFor('/body', { method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a":1}' });
    expect(json.body).toBe('{"a":1}');
    expect(json.isBase64Encoded).toBe(false);
    expect(json.headers['content-length']).toBe('7');
    const bytes = Buffer.from([0, 1, 2, 255]);
    const png = await eventFor('/body', { method: 'POST', headers: [['Content-Type', 'image/png']], body: bytes });
    expect(png.isBase64Encoded).toBe(true);
    expect(Buffer.from(png.body, 'base64')).toEqual(bytes);
  });
});

describe('HTTP API payload 1.0 event', () => {
  it('has the REST shape with version 1.0 and the HTTP API differences (captured)', async () => {
    const event = await eventFor('/dev/v1/thing?q=1&q=2', {
      headers: [
        ['Accept', '*/*'],
        ['User-Agent', 'curl/8'],
      ],
    });
    expect(event.version).toBe('1.0');
    expect(event.resource).toBe('/v1/{proxy+}');
    expect(event.path).toBe('/dev/v1/thing');
    expect(event.httpMethod).toBe('GET');
    // Captured (v1-*.json): client header names lower-cased, AWS-set ones capitalised.
    expect(event.headers.accept).toBe('*/*');
    expect(event.headers['User-Agent']).toBe('curl/8');
    expect(event.headers['X-Forwarded-Proto']).toBe('http');
    expect(event.headers['Content-Length']).toBe('0');
    expect(event.multiValueHeaders.accept).toEqual(['*/*']);
    expect(event.multiValueQueryStringParameters).toEqual({ q: ['1', '2'] });
    const rc = event.requestContext;
    expect(rc.resourceId).toBe('ANY /v1/{proxy+}');
    expect(rc.stage).toBe('dev');
    expect(rc.path).toBe('/dev/v1/thing');
    expect(rc.requestId).toBe(rc.extendedRequestId);
    const recorded = (await import('../fixtures/aws/http/v1-named-stage-post.json', { with: { type: 'json' } })).default as any;
    expect(Object.keys(event).sort()).toEqual(
      Object.keys(recorded)
        .filter((k) => k !== '_source')
        .sort(),
    );
    expect(Object.keys(rc).sort()).toEqual(Object.keys(recorded.requestContext).sort());
    expect(Object.keys(rc.identity).sort()).toEqual(Object.keys(recorded.requestContext.identity).sort());
  });
});
