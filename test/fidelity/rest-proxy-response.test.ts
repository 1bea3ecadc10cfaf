import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { type RawRequest, send } from '../support/http-client.js';

// What a REST API does with the function's proxy result, through the real server.
// Spec: ../shared/aws/api-gateway.md §4.1 (recorded: LocalStack test_aws_proxy_response_payload_format_validation,
// validated against AWS 2024-11-15) and §8 (headers API Gateway adds).
const fx = useFixtureGateway('rest-proxy');

function returning(result: unknown, init: RawRequest = {}) {
  return send(`${fx.url}/dev/return`, {
    method: 'POST',
    ...init,
    headers: [['Content-Type', 'application/json'], ...(init.headers ?? [])],
    body: JSON.stringify({ result }),
  });
}

const INTERNAL_SERVER_ERROR = '{"message": "Internal server error"}';

describe('REST proxy response: accepted shapes', () => {
  it('answers {statusCode: 200} with an empty JSON response and the headers API Gateway adds', async () => {
    const res = await returning({ statusCode: 200 });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    // Recorded: Content-Type application/json, Content-Length 0.
    expect(res.header('Content-Type')).toBe('application/json');
    expect(res.header('Content-Length')).toBe('0');
    // Recorded (§8): Date, Connection, x-amzn-RequestId, x-amz-apigw-id, X-Amzn-Trace-Id; no Server header.
    expect(res.headers.map(([n]) => n)).toEqual([
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'x-amzn-RequestId',
      'x-amz-apigw-id',
      'X-Amzn-Trace-Id',
    ]);
    expect(res.header('X-Amzn-Trace-Id')).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
  });

  it('answers {} with 200 (recorded, test_lambda_aws_proxy_response_format)', async () => {
    const res = await returning({});
    expect(res.status).toBe(200);
    expect(res.text()).toBe('');
  });

  it('accepts a headers-only result, a numeric string statusCode, headers: null and boolean header values', async () => {
    const headersOnly = await returning({ headers: { 'test-header': 'value' } });
    expect(headersOnly.status).toBe(200);
    expect(headersOnly.header('test-header')).toBe('value');
    expect((await returning({ statusCode: '201' })).status).toBe(201);
    expect((await returning({ statusCode: 200, headers: null })).status).toBe(200);
    const bool = await returning({ statusCode: 200, headers: { 'header-bool': true } });
    expect(bool.header('header-bool')).toBe('true');
  });

  it('sends the body string as it is, with the function Content-Type replacing the default', async () => {
    const res = await returning({ statusCode: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'nope ✓' });
    expect(res.status).toBe(404);
    expect(res.header('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(res.text()).toBe('nope ✓');
    expect(res.header('Content-Length')).toBe(String(Buffer.byteLength('nope ✓')));
  });

  // Recorded (invoke-api-multi-headers-overwrite-casing): multi values first, multiValueHeaders casing wins.
  it('merges headers with multiValueHeaders and sends several Set-Cookie lines', async () => {
    const res = await returning({
      statusCode: 200,
      headers: { 'test-multi': 'value-solo' },
      multiValueHeaders: { 'tesT-Multi': ['value-multi'], 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/'] },
    });
    expect(res.all('tesT-Multi')).toEqual(['value-multi', 'value-solo']);
    expect(res.headers.filter(([n]) => n === 'tesT-Multi').length).toBe(2);
    expect(res.all('Set-Cookie')).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
});

describe('REST proxy response: malformed results are 502 with AWS body and an explanation', () => {
  const cases: [string, unknown, RegExp][] = [
    // Recorded.
    ['a non-numeric statusCode', { statusCode: 'test' }, /statusCode is the string "test"/],
    ['an unknown key', { statusCode: 200, wrongValue: 'value' }, /unknown key "wrongValue"/],
    ['multiValueHeaders value that is not a list', { multiValueHeaders: { h: 'value1' } }, /must be a list/],
    ['a bare string', 'justAString', /the string "justAString"/],
    // Documented (Knowledge Center malformed-502, output-format page).
    ['a body that is an object', { statusCode: 200, body: { a: 1 } }, /body is an object, must be a string/],
    ['the HTTP-API-only cookies key', { statusCode: 200, cookies: ['a=1'] }, /unknown key "cookies"/],
    ['an array', [1, 2], /an array/],
  ];
  it.each(cases)('%s', async (_name, result, detail) => {
    const res = await returning(result);
    expect(res.status).toBe(502);
    expect(res.text()).toBe(INTERNAL_SERVER_ERROR);
    expect(res.header('Content-Type')).toBe('application/json');
    // Captured (docs/research/aws-recorded-responses.md §2): InternalServerErrorException, no trace header.
    expect(res.header('x-amzn-ErrorType')).toBe('InternalServerErrorException');
    expect(res.header('X-Amzn-Trace-Id')).toBeUndefined();
    const injected = await fx.gateway.inject({ method: 'POST', path: '/dev/return', body: { result } });
    expect(injected.status).toBe(502);
    expect(injected.trace.failure?.code).toBe('LAMBDA_PROXY_MALFORMED_RESPONSE');
    expect(injected.trace.failure?.detail).toMatch(detail);
    expect(injected.trace.awsLog).toContain('Execution failed due to configuration error: Malformed Lambda proxy response');
    expect(injected.explanation).toMatch(/Malformed Lambda proxy response/);
    expect(injected.explanation).toMatch(/template\.yaml:\d+/);
  });
});

describe('REST proxy response: header values are never written unchecked', () => {
  it('drops a header whose value holds CR/LF and says so', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/return',
      body: { result: { statusCode: 200, headers: { 'X-Evil': 'a\r\nSet-Cookie: injected=1', 'X-Fine': 'ok' } } },
    });
    expect(res.status).toBe(200);
    expect(res.header('X-Evil')).toBeUndefined();
    expect(res.header('Set-Cookie')).toBeUndefined();
    expect(res.header('X-Fine')).toBe('ok');
    expect(res.trace.notices.map((n) => n.code)).toContain('RESPONSE_HEADER_DROPPED');
    const wire = await returning({ statusCode: 200, headers: { 'X-Evil': 'a\r\nSet-Cookie: injected=1' } });
    expect(wire.status).toBe(200);
    expect(wire.header('Set-Cookie')).toBeUndefined();
  });
});

describe('REST proxy response: headers API Gateway owns', () => {
  // Recorded for HTTP integrations (header-remapping test: reserved names come back as x-amzn-Remapped-<name>);
  // inferred for Lambda proxy results, where AWS computes Content-Length and Date itself.
  it('remaps Date, Server, Connection and Content-Length returned by the function', async () => {
    const res = await returning({
      statusCode: 200,
      headers: { Server: 'mine', 'Content-Length': '999', Date: 'yesterday' },
      body: 'abc',
    });
    expect(res.status).toBe(200);
    expect(res.header('Content-Length')).toBe('3');
    expect(res.header('x-amzn-Remapped-Server')).toBe('mine');
    expect(res.header('x-amzn-Remapped-Content-Length')).toBe('999');
    expect(res.header('x-amzn-Remapped-Date')).toBe('yesterday');
    expect(res.header('Server')).toBeUndefined();
    expect(res.text()).toBe('abc');
  });
});
