import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/failures/gateway-error.js';
import { parseProxyResponse } from '../../../src/integrations/lambda-proxy/parse-proxy-response.js';

const parse = (value: unknown) => parseProxyResponse(JSON.stringify(value));
const detailOf = (value: unknown): string => {
  try {
    parse(value);
  } catch (error) {
    if (error instanceof GatewayError) {
      expect(error.code).toBe('LAMBDA_PROXY_MALFORMED_RESPONSE');
      return error.detail;
    }
    throw error;
  }
  throw new Error('expected a malformed-response failure');
};

describe('REST Lambda proxy response validation', () => {
  // AWS (recorded): test_aws_proxy_response_payload_format_validation (2024-11-15) and
  // test_lambda_aws_proxy_response_format; ../shared/aws/api-gateway.md §4.1.
  it('accepts what AWS accepts', () => {
    expect(parse({ statusCode: 200 })).toMatchObject({ statusCode: 200, body: '', headers: [] });
    expect(parse({})).toMatchObject({ statusCode: 200, body: '' });
    expect(parse({ headers: { 'test-header': 'value' } })).toMatchObject({
      statusCode: 200,
      headers: [['test-header', 'value']],
    });
    expect(parse({ statusCode: '201' }).statusCode).toBe(201);
    expect(parse({ statusCode: 200, headers: null }).headers).toEqual([]);
    expect(parse({ statusCode: 200, headers: { 'header-bool': true } }).headers).toEqual([['header-bool', 'true']]);
  });

  it('rejects what AWS rejects, naming the field', () => {
    expect(detailOf({ statusCode: 'test' })).toMatch(/statusCode is the string "test"/);
    expect(detailOf({ statusCode: 200, wrongValue: 'value' })).toMatch(/unknown key "wrongValue"/);
    expect(detailOf({ multiValueHeaders: { h: 'value1' } })).toMatch(
      /multiValueHeaders\["h"\] is the string "value1", must be a list/,
    );
    expect(detailOf('justAString')).toMatch(/returned the string "justAString"/);
    // Documented (Knowledge Center malformed-502): the body must be a string.
    expect(detailOf({ statusCode: 200, body: { a: 1 } })).toBe('body is an object, must be a string (use JSON.stringify)');
    // Documented: other formats (arrays, numbers) are 502; `cookies` is not in the allowed key list.
    expect(detailOf([1, 2])).toMatch(/an array/);
    expect(detailOf(42)).toMatch(/the number 42/);
    expect(detailOf({ statusCode: 200, cookies: ['a=1'] })).toMatch(/unknown key "cookies".*HTTP API/);
  });

  // Inferred (not recorded): `null` (a handler that returns nothing) is not a proxy response.
  it('rejects null', () => {
    expect(detailOf(null)).toMatch(/null/);
  });

  // AWS (recorded, invoke-api-multi-headers-overwrite-casing): multi values first, casing from
  // multiValueHeaders, identical pairs once (documented).
  it('merges headers and multiValueHeaders as AWS does', () => {
    const merged = parse({
      headers: { 'test-multi': 'value-solo', Same: 'x' },
      multiValueHeaders: { 'tesT-Multi': ['value-multi'], same: ['x'], 'Set-Cookie': ['a=1', 'b=2'] },
    }).headers;
    expect(merged).toEqual([
      ['tesT-Multi', 'value-multi'],
      ['tesT-Multi', 'value-solo'],
      ['same', 'x'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ]);
  });
});
