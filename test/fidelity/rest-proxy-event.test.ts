import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// The Lambda proxy event (payload 1.0) a REST API builds, checked through the real server.
// Spec: ../shared/aws/api-gateway.md §2; recorded event: test/fixtures/aws/rest/proxy-event-recorded.json
// (LocalStack test_lambda_aws_proxy_integration, validated against AWS 2024-08-02).
const fx = useFixtureGateway('rest-proxy');

async function eventFor(path: string, init: Parameters<typeof send>[1] = {}) {
  const res = await send(`${fx.url}${path}`, init);
  expect(res.status).toBe(200);
  return res.json() as Record<string, any>;
}

describe('REST proxy event: top-level fields', () => {
  it('carries resource, path without the stage, method, and nulls where AWS has them', async () => {
    // Prepare + Act
    const event = await eventFor('/dev/items/42');
    // Assess: AWS (recorded): path without the stage, pathParameters raw, null query maps and body.
    expect(event.resource).toBe('/items/{id}');
    expect(event.path).toBe('/items/42');
    expect(event.httpMethod).toBe('GET');
    expect(event.pathParameters).toEqual({ id: '42' });
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.stageVariables).toEqual({ flavour: 'vanilla' });
  });

  it('has exactly the keys AWS sends, and requestContext as recorded', async () => {
    const event = await eventFor('/dev/items/7');
    // AWS (recorded): the same key sets as the recorded event.
    const recorded = (await import('../fixtures/aws/rest/proxy-event-recorded.json', { with: { type: 'json' } }))
      .default as Record<string, any>;
    const recordedKeys = Object.keys(recorded).filter((k) => k !== '_source');
    expect(Object.keys(event).sort()).toEqual(recordedKeys.sort());
    expect(Object.keys(event.requestContext).sort()).toEqual(Object.keys(recorded.requestContext).sort());
    expect(Object.keys(event.requestContext.identity).sort()).toEqual(Object.keys(recorded.requestContext.identity).sort());
    const rc = event.requestContext;
    expect(rc.path).toBe('/dev/items/7');
    expect(rc.stage).toBe('dev');
    expect(rc.resourcePath).toBe('/items/{id}');
    expect(rc.protocol).toBe('HTTP/1.1');
    expect(rc.accountId).toMatch(/^\d{12}$/);
    expect(rc.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(rc.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Captured (docs/research/aws-recorded-responses.md §8): 15 of [A-Za-z0-9_-] and `=`.
    expect(rc.extendedRequestId).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(rc.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof rc.requestTimeEpoch).toBe('number');
    expect(rc.identity.sourceIp).toBe('127.0.0.1');
    const nulls = Object.entries(rc.identity).filter(([k]) => k !== 'sourceIp' && k !== 'userAgent');
    expect(nulls.every(([, v]) => v === null)).toBe(true);
  });

  it('gives every request a fresh requestId and extendedRequestId, returned as response headers', async () => {
    const a = await send(`${fx.url}/dev/items/1`);
    const b = await send(`${fx.url}/dev/items/1`);
    const ea = a.json() as any;
    const eb = b.json() as any;
    expect(ea.requestContext.requestId).not.toBe(eb.requestContext.requestId);
    expect(ea.requestContext.extendedRequestId).not.toBe(eb.requestContext.extendedRequestId);
    // Recorded/documented: x-amzn-RequestId = requestContext.requestId; x-amz-apigw-id = extendedRequestId.
    expect(a.header('x-amzn-RequestId')).toBe(ea.requestContext.requestId);
    expect(a.header('x-amz-apigw-id')).toBe(ea.requestContext.extendedRequestId);
  });

  // AWS (captured, docs/research/aws-recorded-responses.md §7): root of stage dev → path `/`, requestContext.path `/dev/`.
  it('serves the root resource with path / and requestContext.path /dev/', async () => {
    const event = await eventFor('/dev/');
    expect(event.resource).toBe('/');
    expect(event.path).toBe('/');
    expect(event.requestContext.path).toBe('/dev/');
    expect(event.pathParameters).toBeNull();
  });

  // AWS (recorded): trailing slash kept in `path`; `{proxy+}` gets the rest without it; `//` inside kept;
  // percent-encoding preserved in path and path parameters.
  it('keeps the path as sent, and gives {proxy+} the remainder', async () => {
    const trailing = await eventFor('/dev/proxy-value/');
    expect(trailing.path).toBe('/proxy-value/');
    expect(trailing.pathParameters).toEqual({ proxy: 'proxy-value' });
    const double = await eventFor('/dev/proxy-value//double-slash');
    expect(double.path).toBe('/proxy-value//double-slash');
    expect(double.pathParameters).toEqual({ proxy: 'proxy-value//double-slash' });
    const encoded = await eventFor('/dev/api/user/test%2Balias@gmail.com');
    expect(encoded.path).toBe('/api/user/test%2Balias@gmail.com');
    expect(encoded.pathParameters).toEqual({ proxy: 'api/user/test%2Balias@gmail.com' });
  });

  // AWS (recorded, invocation-payload-with-prepended-slash(-to-stage)).
  it('normalises slashes before and after the stage as AWS does', async () => {
    const before = await eventFor('//dev/test');
    expect(before.requestContext.path).toBe('/dev/test');
    const after = await eventFor('/dev//test');
    expect(after.path).toBe('/test');
    expect(after.requestContext.path).toBe('/dev//test');
  });
});

describe('REST proxy event: query strings', () => {
  // AWS (recorded, invocation-payload-with-params-encoding(-multi)).
  it('decodes values, keeps the last value single and all values multi', async () => {
    const event = await eventFor(
      '/dev/q?email=test%2Balias@gmail.com&plus=test+alias@gmail.com&category=electronics&category=books#frag',
    );
    expect(event.queryStringParameters).toEqual({
      email: 'test+alias@gmail.com',
      plus: 'test alias@gmail.com',
      category: 'books',
    });
    expect(event.multiValueQueryStringParameters).toEqual({
      email: ['test+alias@gmail.com'],
      plus: ['test alias@gmail.com'],
      category: ['electronics', 'books'],
    });
  });
});

describe('REST proxy event: headers', () => {
  it('keeps the client casing and every value, capitalises Authorization and User-Agent, drops hop-by-hop headers', async () => {
    const event = await eventFor('/dev/h', {
      headers: [
        ['tEsT-HEADeR', 'aValue'],
        ['authorization', 'Bearer t'],
        ['user-agent', 'agent/1'],
        ['X-Multi', 'one'],
        ['X-Multi', 'two'],
        ['Connection', 'keep-alive'],
      ],
    });
    // AWS (recorded): casing preserved except Authorization / User-Agent.
    expect(event.headers['tEsT-HEADeR']).toBe('aValue');
    expect(event.headers.Authorization).toBe('Bearer t');
    expect(event.headers['User-Agent']).toBe('agent/1');
    expect(event.headers.authorization).toBeUndefined();
    // Documented: headers has the last value, multiValueHeaders every value.
    expect(event.headers['X-Multi']).toBe('two');
    expect(event.multiValueHeaders['X-Multi']).toEqual(['one', 'two']);
    // Recorded (header-remapping AWS_PROXY no-param-integration): never forwarded.
    expect(event.headers.Connection).toBeUndefined();
    expect(event.headers['Content-Length']).toBeUndefined();
    // Recorded: added by API Gateway.
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers['X-Forwarded-For']).toBe('127.0.0.1');
    expect(event.headers['X-Forwarded-Proto']).toBe('http');
    expect(event.headers['X-Forwarded-Port']).toBe(new URL(fx.url).port);
    expect(event.headers.Host).toBe(new URL(fx.url).host);
    expect(event.multiValueHeaders['X-Forwarded-For']).toEqual(['127.0.0.1']);
  });

  it('does not pass Content-Length even with a body', async () => {
    const event = await eventFor('/dev/h', { method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a":1}' });
    expect(event.headers['Content-Length']).toBeUndefined();
    expect(event.body).toBe('{"a":1}');
  });
});

describe('REST proxy event: request bodies and binaryMediaTypes', () => {
  // Documented (api-gateway-payload-encodings.html) and reported against AWS (aws/serverless-application-model#3794):
  // a Content-Type matching binaryMediaTypes (exact or type/*) makes the body base64.
  it('base64-encodes a body whose Content-Type matches binaryMediaTypes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]);
    const event = await eventFor('/dev/upload', { method: 'POST', headers: [['Content-Type', 'image/png']], body: bytes });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(bytes);
    const wildcard = await eventFor('/dev/upload', { method: 'POST', headers: [['Content-Type', 'font/woff2']], body: '{}' });
    expect(wildcard.isBase64Encoded).toBe(true);
  });

  it('passes other bodies as UTF-8 text, replacing invalid bytes with U+FFFD, and explains it', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/upload',
      headers: { 'Content-Type': 'text/plain' },
      body: Buffer.from([0x61, 0xff, 0x62]),
    });
    const event = res.json() as any;
    // Recorded (S3 integration, get-obj-text-type-binary-raw): EF BF BD replaces invalid bytes.
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe('a\uFFFDb');
    expect(res.trace.notices.map((n) => n.code)).toContain('REQUEST_BODY_NOT_UTF8');
  });

  it('sends text when the API has no binaryMediaTypes', async () => {
    const event = await eventFor('/plain/upload', { method: 'POST', headers: [['Content-Type', 'image/png']], body: 'abc' });
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe('abc');
  });
});
