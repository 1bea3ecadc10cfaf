/**
 * Validation of a Lambda proxy result by a REST API (payload format 1.0).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 *
 * Recorded (test_aws_proxy_response_payload_format_validation, ../shared/aws/api-gateway.md §4.1):
 * missing statusCode → 200; `"201"` → 201; `"test"` → 502; unknown key → 502; `headers: null` → ok;
 * boolean header value → `true`; multiValueHeaders value that is not a list → 502; a bare string → 502.
 *
 * Every recorded case fits one model: API Gateway binds the result to a typed Java object with Jackson's
 * default coercions (scalars become strings, numeric strings become ints, a scalar is not a list, an object
 * is not a string, unknown properties fail). Cases no recording covers (numeric header values, a number as
 * body, `null`) follow that model and are marked "inferred" in the tests.
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { SourceRef } from '../../model/source-ref.js';
import { mergeResponseHeaders } from './merge-response-headers.js';

export const ALLOWED_PROXY_RESPONSE_KEYS = ['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded'];

export interface ProxyResponse {
  readonly statusCode: number;
  /** Merged headers, one entry per value; the casing rules of mergeResponseHeaders. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

export function parseProxyResponse(payload: string, source?: SourceRef): ProxyResponse {
  let result: unknown;
  try {
    result = JSON.parse(payload);
  } catch {
    throw new GatewayError('LAMBDA_PROXY_MALFORMED_RESPONSE', 'the function result is not JSON', {}, source);
  }
  return readProxyResponse(result, source);
}

/** The same validation for a result already parsed from JSON. */
export function readProxyResponse(result: unknown, source?: SourceRef): ProxyResponse {
  const malformed = (detail: string): never => {
    throw new GatewayError('LAMBDA_PROXY_MALFORMED_RESPONSE', detail, {}, source);
  };
  if (result === null) return malformed('the function returned null (no return value?); return { statusCode, body }');
  if (typeof result !== 'object' || Array.isArray(result)) {
    return malformed(`the function returned ${describe(result)}, not an object with statusCode and body`);
  }
  const record = result as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!ALLOWED_PROXY_RESPONSE_KEYS.includes(key)) {
      const extra = key === 'cookies' ? ' (cookies is an HTTP API payload 2.0 key; use multiValueHeaders["Set-Cookie"])' : '';
      malformed(`unknown key "${key}"${extra}; allowed: ${ALLOWED_PROXY_RESPONSE_KEYS.join(', ')}`);
    }
  }
  const statusCode = readStatusCode(record.statusCode, malformed);
  const headers = readHeaders(record.headers, malformed);
  const multiValueHeaders = readMultiValueHeaders(record.multiValueHeaders, malformed);
  const body = readBody(record.body, malformed);
  const isBase64Encoded = readBoolean(record.isBase64Encoded, malformed);
  return { statusCode, headers: mergeResponseHeaders(headers, multiValueHeaders), body, isBase64Encoded };
}

type Malformed = (detail: string) => never;

function readStatusCode(value: unknown, malformed: Malformed): number {
  if (value === undefined || value === null) return 200;
  let code: number | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) code = value;
  else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) code = Number(value);
  if (code === undefined) return malformed(`statusCode is ${describe(value)}, must be an integer (e.g. 200)`);
  // Outside 200–599 is not established on AWS. An HTTP status line cannot carry it, and a 1xx is an interim answer
  // (RFC 9110 §15.2): the client would wait for another one and a keep-alive connection would fall out of step.
  // So we reject it as malformed.
  if (code < 200 || code > 599) return malformed(`statusCode ${code} is not a final HTTP status (200–599)`);
  return code;
}

function readHeaders(value: unknown, malformed: Malformed): [string, string][] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value))
    return malformed(`headers is ${describe(value)}, must be an object of strings`);
  const out: [string, string][] = [];
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    const raw = record[name];
    if (raw === null) continue;
    const text = scalarToString(raw);
    if (text === undefined) return malformed(`headers["${name}"] is ${describe(raw)}, must be a string`);
    out.push([name, text]);
  }
  return out;
}

function readMultiValueHeaders(value: unknown, malformed: Malformed): [string, string[]][] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    return malformed(`multiValueHeaders is ${describe(value)}, must be an object of string lists`);
  }
  const out: [string, string[]][] = [];
  for (const [name, raw] of Object.entries(value)) {
    if (raw === null) continue;
    if (!Array.isArray(raw)) {
      return malformed(`multiValueHeaders["${name}"] is ${describe(raw)}, must be a list of strings (e.g. ["a", "b"])`);
    }
    const values: string[] = [];
    for (const item of raw) {
      if (item === null) continue;
      const text = scalarToString(item);
      if (text === undefined) return malformed(`multiValueHeaders["${name}"] holds ${describe(item)}, must hold strings`);
      values.push(text);
    }
    out.push([name, values]);
  }
  return out;
}

function readBody(value: unknown, malformed: Malformed): string {
  if (value === undefined || value === null) return '';
  const text = scalarToString(value);
  if (text === undefined) return malformed(`body is ${describe(value)}, must be a string (use JSON.stringify)`);
  return text;
}

function readBoolean(value: unknown, malformed: Malformed): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return malformed(`isBase64Encoded is ${describe(value)}, must be true or false`);
}

function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return undefined;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}
