/**
 * What an HTTP API makes of a Lambda result.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *
 * Payload 2.0 infers a response (documented): valid JSON without `statusCode` is a 200 with
 * `content-type: application/json` and the whole value as the body (a string without its quotes). With
 * `statusCode`, the fields statusCode/headers/cookies/body/isBase64Encoded are used. Edge cases nobody has
 * recorded (string statusCode, non-string body or header values, extra keys) follow the most lenient reading
 * and are flagged "inferred" in tests (docs/research/http-api-behaviour.md §5).
 *
 * Payload 1.0 makes no assumptions (documented, Knowledge Center api-gateway-status-codes-http-api): the
 * result must be a proxy response with a statusCode, else 500.
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { SourceRef } from '../../model/source-ref.js';
import { decodeBase64Strict } from '../../pipeline/binary/base64.js';
import { describe, readProxyResponse } from './parse-proxy-response.js';

export interface HttpApiResponse {
  readonly statusCode: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly cookies: readonly string[];
  readonly body: Buffer;
  /** How the response was read, for the trace. */
  readonly inferred: boolean;
}

export function parseHttpApiResponseV2(payload: string, source?: SourceRef): HttpApiResponse {
  let result: unknown;
  try {
    result = JSON.parse(payload);
  } catch {
    throw new GatewayError('HTTP_MALFORMED_LAMBDA_RESPONSE', 'the function result is not JSON', {}, source);
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result) || !('statusCode' in result)) {
    // Documented inference: the value itself is the body; a string is sent without its JSON quotes.
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      cookies: [],
      body: Buffer.from(body, 'utf8'),
      inferred: true,
    };
  }
  const record = result as Record<string, unknown>;
  const malformed = (detail: string): never => {
    throw new GatewayError('HTTP_MALFORMED_LAMBDA_RESPONSE', detail, {}, source);
  };
  const statusCode = Number(record.statusCode);
  // A 1xx is not a final answer (see parse-proxy-response.ts): rejected like any other impossible status.
  if (!Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) {
    return malformed(`statusCode is ${describe(record.statusCode)}, must be an integer final HTTP status (200–599)`);
  }
  const headers: [string, string][] = [];
  if (record.headers !== undefined && record.headers !== null) {
    if (typeof record.headers !== 'object' || Array.isArray(record.headers))
      return malformed(`headers is ${describe(record.headers)}, must be an object`);
    const recordHeaders = record.headers as Record<string, unknown>;
    for (const name of Object.keys(recordHeaders)) {
      const value = recordHeaders[name];
      if (value === null || value === undefined) continue;
      if (typeof value === 'object') return malformed(`headers["${name}"] is ${describe(value)}, must be a string`);
      headers.push([name, String(value)]);
    }
  }
  const cookies: string[] = [];
  if (record.cookies !== undefined && record.cookies !== null) {
    if (!Array.isArray(record.cookies)) return malformed(`cookies is ${describe(record.cookies)}, must be a list of strings`);
    for (const cookie of record.cookies) if (typeof cookie === 'string') cookies.push(cookie);
  }
  const rawBody = record.body;
  const text = rawBody === undefined || rawBody === null ? '' : typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
  let body: Buffer;
  // No binaryMediaTypes on HTTP APIs: isBase64Encoded is always honoured (documented; ministack#766).
  if (record.isBase64Encoded === true || record.isBase64Encoded === 'true') {
    const decoded = decodeBase64Strict(text);
    if (!decoded) return malformed(`isBase64Encoded is true but body ${JSON.stringify(text.slice(0, 40))} is not valid base64`);
    body = decoded;
  } else {
    body = Buffer.from(text, 'utf8');
  }
  return { statusCode, headers, cookies, body, inferred: false };
}

export function parseHttpApiResponseV1(payload: string, source?: SourceRef): HttpApiResponse {
  let parsed: ReturnType<typeof readProxyResponse>;
  try {
    const value: unknown = JSON.parse(payload);
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('statusCode' in value)) {
      throw new GatewayError(
        'HTTP_MALFORMED_LAMBDA_RESPONSE',
        `payload format 1.0 needs a statusCode; the function returned ${describe(value)}${value !== null && typeof value === 'object' && !Array.isArray(value) ? ' without statusCode' : ''}`,
        {},
        source,
      );
    }
    parsed = readProxyResponse(value, source);
  } catch (error) {
    if (error instanceof GatewayError) {
      throw new GatewayError('HTTP_MALFORMED_LAMBDA_RESPONSE', error.detail, {}, source);
    }
    throw new GatewayError('HTTP_MALFORMED_LAMBDA_RESPONSE', 'the function result is not JSON', {}, source);
  }
  let body: Buffer;
  if (!parsed.isBase64Encoded) body = Buffer.from(parsed.body, 'utf8');
  else {
    const decoded = decodeBase64Strict(parsed.body);
    if (!decoded)
      throw new GatewayError(
        'HTTP_MALFORMED_LAMBDA_RESPONSE',
        'isBase64Encoded is true but body is not valid base64',
        {},
        source,
      );
    body = decoded;
  }
  return { statusCode: parsed.statusCode, headers: parsed.headers, cookies: [], body, inferred: false };
}
