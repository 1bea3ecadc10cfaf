import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/failures/gateway-error.js';
import { parseHttpApiResponseV2 } from '../../src/integrations/lambda-proxy/parse-http-api-response.js';
import { parseProxyResponse } from '../../src/integrations/lambda-proxy/parse-proxy-response.js';
import { decodeBase64Strict } from '../../src/pipeline/binary/base64.js';

// Random Lambda results through REST response validation, checked against a model of AWS's rules written here
// from the spec, not from the code: ../shared/aws/api-gateway.md §4.1 (recorded table, header merging) and the
// Jackson-binding reading in the comments of src/integrations/lambda-proxy/parse-proxy-response.ts (scalars become
// strings, numeric strings become ints, a scalar is not a list, an object is not a string, unknown keys fail).
// Cases no recording covers follow that reading (inferred), as the unit tests mark them.

const ALLOWED = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

type Model =
  | { readonly malformed: true }
  | {
      readonly malformed: false;
      readonly statusCode: number;
      readonly headers: [string, string][];
      readonly body: string;
      readonly isBase64Encoded: boolean;
    };

const MALFORMED = { malformed: true } as const;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Jackson's String binding of a JSON scalar; undefined for objects and arrays. */
const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** The REST API model (§4.1). */
function restModel(result: unknown): Model {
  if (!isRecord(result)) return MALFORMED; // null, a string, a number, an array
  if (Object.keys(result).some((k) => !ALLOWED.has(k))) return MALFORMED;
  // statusCode: absent → 200; an int or a numeric string → that int; a final HTTP status needs 200–599 (a 1xx
  // is an interim answer: gatehouse rejects it, AWS's answer is not established).
  let statusCode = 200;
  const sc = result.statusCode;
  if (sc !== undefined && sc !== null) {
    if (typeof sc === 'number' && Number.isInteger(sc)) statusCode = sc;
    else if (typeof sc === 'string' && /^-?\d+$/.test(sc.trim())) statusCode = Number(sc.trim());
    else return MALFORMED;
    if (statusCode < 200 || statusCode > 599) return MALFORMED;
  }
  const single: [string, string][] = [];
  if (result.headers !== undefined && result.headers !== null) {
    if (!isRecord(result.headers)) return MALFORMED;
    for (const [name, value] of Object.entries(result.headers)) {
      if (value === null) continue;
      const text = asText(value);
      if (text === undefined) return MALFORMED;
      single.push([name, text]);
    }
  }
  const multi: [string, string[]][] = [];
  if (result.multiValueHeaders !== undefined && result.multiValueHeaders !== null) {
    if (!isRecord(result.multiValueHeaders)) return MALFORMED;
    for (const [name, list] of Object.entries(result.multiValueHeaders)) {
      if (list === null) continue;
      if (!Array.isArray(list)) return MALFORMED;
      const values: string[] = [];
      for (const item of list) {
        if (item === null) continue;
        const text = asText(item);
        if (text === undefined) return MALFORMED;
        values.push(text);
      }
      multi.push([name, values]);
    }
  }
  let body = '';
  if (result.body !== undefined && result.body !== null) {
    const text = asText(result.body);
    if (text === undefined) return MALFORMED;
    body = text;
  }
  let isBase64Encoded = false;
  const b = result.isBase64Encoded;
  if (b !== undefined && b !== null) {
    if (b === true || b === 'true') isBase64Encoded = true;
    else if (b === false || b === 'false') isBase64Encoded = false;
    else return MALFORMED;
  }
  return { malformed: false, statusCode, headers: mergeModel(single, multi), body, isBase64Encoded };
}

/**
 * §4.1 header merging: names merge case-insensitively and the first casing seen wins, multiValueHeaders first;
 * multi values come first, then a `headers` value unless the same value is already there; one line per value.
 */
function mergeModel(single: [string, string][], multi: [string, string[]][]): [string, string][] {
  const groups: { lower: string; name: string; values: string[] }[] = [];
  const group = (name: string) => {
    const lower = name.toLowerCase();
    let found = groups.find((g) => g.lower === lower);
    if (!found) {
      found = { lower, name, values: [] };
      groups.push(found);
    }
    return found;
  };
  for (const [name, values] of multi) group(name).values.push(...values);
  for (const [name, value] of single) {
    const g = group(name);
    if (!g.values.includes(value)) g.values.push(value);
  }
  return groups.flatMap((g) => g.values.map((v): [string, string] => [g.name, v]));
}

// ---------------------------------------------------------------------------------------------------- generators

const scalar = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const anyJson = fc.jsonValue({ maxDepth: 2 });
const headerName = fc.oneof(
  fc.constantFrom('Content-Type', 'content-type', 'X-Test', 'x-test', 'Set-Cookie', '1', 'a'),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const statusCode = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 100, max: 599 }) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 1000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 100, max: 599 }).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '201',
      ' 204 ',
      '-1',
      '0200',
      '2e2',
      'test',
      '',
      '99999999999999999999',
      200.5,
      null,
      true,
      [],
      {},
    ),
  },
);
/** A value the binding may or may not accept: mostly scalars. */
const headerScalar = fc.oneof({ weight: 12, arbitrary: scalar }, fc.constant({}), fc.constant([]));
const headersValue = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(headerName, headerScalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: anyJson },
);
const multiValueHeadersValue = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.dictionary(
      headerName,
      fc.oneof({ weight: 10, arbitrary: fc.array(headerScalar, { maxLength: 3 }) }, scalar, fc.array(anyJson, { maxLength: 2 })),
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);
/** Results shaped like proxy responses most of the time (an extra key now and then), anything JSON otherwise. */
const lambdaResult = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.record(
          {
            statusCode,
            headers: fc.oneof({ weight: 4, arbitrary: headersValue }, fc.constant(null)),
            multiValueHeaders: fc.oneof({ weight: 4, arbitrary: multiValueHeadersValue }, fc.constant(null)),
            body: fc.oneof({ weight: 4, arbitrary: fc.string() }, scalar, anyJson),
            isBase64Encoded: fc.oneof(
              { weight: 4, arbitrary: fc.boolean() },
              fc.constantFrom('true', 'false', 'yes', 1, 0, null),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.oneof(
          { weight: 8, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom('cookies', 'other', 'StatusCode', 'Body'), anyJson) },
        ),
      )
      .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record)),
  },
  { weight: 1, arbitrary: anyJson },
);

function actualRest(payload: string): Model | { readonly threw: unknown } {
  try {
    const r = parseProxyResponse(payload);
    return {
      malformed: false,
      statusCode: r.statusCode,
      headers: r.headers.map(([n, v]): [string, string] => [n, v]),
      body: r.body,
      isBase64Encoded: r.isBase64Encoded,
    };
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'LAMBDA_PROXY_MALFORMED_RESPONSE') return MALFORMED;
    return { threw: error };
  }
}

describe('REST proxy response validation against a model of AWS rules (fuzz)', () => {
  it('agrees with the model on 40 000 random Lambda results', () => {
    const outcomes = { valid: 0, malformed: 0 };
    fc.assert(
      fc.property(lambdaResult, (result) => {
        const payload = JSON.stringify(result);
        const actual = actualRest(payload);
        const expected = restModel(JSON.parse(payload));
        outcomes[expected.malformed ? 'malformed' : 'valid']++;
        return isDeepStrictEqual(actual, expected);
      }),
      { numRuns: 40_000 },
    );
    // Both outcomes are well represented (not a model that only ever says "malformed").
    expect(outcomes.valid).toBeGreaterThan(8_000);
    expect(outcomes.malformed).toBeGreaterThan(8_000);
  });

  it('answers any payload that is not JSON as malformed, never with another error (5 000 cases)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        let isJson = true;
        try {
          JSON.parse(text);
        } catch {
          isJson = false;
        }
        const actual = actualRest(text);
        assert.ok(!('threw' in actual), 'only the catalogue error');
        if (!isJson) assert.deepEqual(actual, MALFORMED);
      }),
      { numRuns: 5_000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------- base64

/** §4.1/§5.1: a base64 body is decoded strictly: the alphabet, at most two `=`, whole groups when padded. */
function base64Model(text: string): Buffer | undefined {
  const match = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(text);
  if (!match) return undefined;
  const data = match[1] as string;
  if (data.length % 4 === 1) return undefined;
  if ((match[2] as string).length > 0 && text.length % 4 !== 0) return undefined;
  // Complete groups of 4 characters are 3 bytes each, a trailing 2 or 3 characters 1 or 2 bytes (extra bits dropped).
  const bytes: number[] = [];
  const value = (c: string) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(c);
  for (let i = 0; i < data.length; i += 4) {
    const group = data.slice(i, i + 4);
    const bits = [...group].reduce((acc, c) => (acc << 6) | value(c), 0) << (6 * (4 - group.length));
    const count = group.length - 1;
    for (let k = 0; k < count; k++) bytes.push((bits >> (16 - 8 * k)) & 0xff);
  }
  return Buffer.from(bytes);
}

const base64Text = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64')),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64').replace(/=+$/, '')),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64url')),
  fc.string({ unit: fc.constantFrom(...'ABCab09+/=-_ \n.é'), maxLength: 16 }),
  fc.string({ maxLength: 12 }),
);

describe('strict base64 decoding against a model (fuzz)', () => {
  it('agrees with the model on 20 000 strings', () => {
    fc.assert(
      fc.property(base64Text, (text) => {
        const expected = base64Model(text);
        const actual = decodeBase64Strict(text);
        return actual === undefined ? expected === undefined : expected !== undefined && actual.equals(expected);
      }),
      { numRuns: 20_000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------- HTTP API 2.0

describe('HTTP API payload 2.0 results: never an error outside the catalogue (fuzz)', () => {
  // §4.2/§5.2: without statusCode the whole value is a 200 JSON body; with it, isBase64Encoded always decodes.
  it('infers, decodes or answers malformed for 10 000 random results', () => {
    fc.assert(
      fc.property(lambdaResult, (result) => {
        const payload = JSON.stringify(result);
        let response: ReturnType<typeof parseHttpApiResponseV2>;
        try {
          response = parseHttpApiResponseV2(payload);
        } catch (error) {
          assert.ok(error instanceof GatewayError && error.code === 'HTTP_MALFORMED_LAMBDA_RESPONSE', String(error));
          return;
        }
        const value: unknown = JSON.parse(payload);
        if (!isRecord(value) || !('statusCode' in value)) {
          assert.equal(response.inferred, true);
          assert.equal(response.statusCode, 200);
          assert.equal(response.body.toString('utf8'), typeof value === 'string' ? value : JSON.stringify(value));
          return;
        }
        assert.ok(response.statusCode >= 200 && response.statusCode <= 599, 'status');
        if (value.isBase64Encoded === true && typeof value.body === 'string') {
          assert.ok(response.body.equals(base64Model(value.body) ?? Buffer.alloc(1)), 'decoded body');
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
