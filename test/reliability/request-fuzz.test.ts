import * as assert from 'node:assert/strict';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../src/config/index.js';
import { failures } from '../../src/failures/catalogue.js';
import type { GatewayRequest } from '../../src/pipeline/http-message.js';
import type { InvokeRequest, InvokeResult, LambdaRuntime } from '../../src/runtime/runtime.js';
import { Gateway } from '../../src/server/gateway.js';
import { fixtureTemplate } from '../support/fixture-gateway.js';

// Random request bytes, headers, paths and queries, and random Lambda results, through the whole pipeline of three
// fixture projects (REST with greedy routes and binaryMediaTypes; HTTP API with CORS and payload 1.0/2.0; both
// types side by side), without sockets or processes: a fake runtime answers at once. Whatever arrives:
// - the gateway answers (never throws), and any failure it names is in the catalogue;
// - every header it would write is valid on the wire (Node would refuse it otherwise) and Content-Length is true;
// - the events handed to Lambda are JSON that tells the truth about the request (body bytes, header maps, query maps).

const report = {
  requestId: 'r',
  environmentId: 'e',
  coldStart: false,
  durationMs: 1,
  billedDurationMs: 1,
  memorySizeMb: 128,
  maxMemoryUsedMb: 1,
};

/** A runtime that answers with whatever the current case says, and keeps the event it was sent. */
class ScriptedRuntime implements LambdaRuntime {
  next: InvokeResult = { kind: 'success', payload: Buffer.from('{}'), report };
  events: Buffer[] = [];
  async invoke(_fn: unknown, request: InvokeRequest): Promise<InvokeResult> {
    this.events.push(request.payload);
    return this.next;
  }
  async recycle(): Promise<void> {}
  async dispose(): Promise<void> {}
}

const runtime = new ScriptedRuntime();
const gateways: Gateway[] = [];
beforeAll(async () => {
  for (const project of ['rest-proxy', 'http-api', 'faults']) {
    gateways.push(new Gateway({ model: await loadSamTemplate(fixtureTemplate(project)), runtime }));
  }
});

// ---------------------------------------------------------------------------------------------------- generators

const segment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('dev', 'strict', 'plain', 'faults', 'items', 'fault', 'mixed', 'v1', 'v2', 'return', '1', 'json'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '%2F',
      '%zz',
      '%',
      '%E2%98%83',
      '{id}',
      '{proxy+}',
      '..',
      '.',
      '+',
      '~',
      '@',
      'a%20b',
      'é',
      '☃',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const queryPart = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('n', 'a', 'limit', '', '%', 'a+b', '%2B', '__proto__', 'constructor', 'valueOf'),
      fc.constantFrom('1', '', 'x y', '%zz', 'a=b', '☃'),
    )
    .map(([k, v]) => `${k}=${v}`),
  fc.constantFrom('flag', '&', '=', '=='),
  fc.string({ maxLength: 5 }),
);
const target = fc
  .tuple(
    fc.constantFrom('/', '//', '', 'http://example.com/'),
    fc.array(segment, { maxLength: 5 }),
    fc.option(fc.array(queryPart, { maxLength: 4 }), { nil: undefined }),
    fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
  )
  .map(
    ([start, segments, query, fragment]) =>
      `${start}${segments.join('/')}${query ? `?${query.join('&')}` : ''}${fragment !== undefined ? `#${fragment}` : ''}`,
  );
const headerName = fc.oneof(
  // Names that are also Object.prototype keys (a plain-object header map once crashed on `valueOf`).
  fc.constantFrom('__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty'),
  fc.constantFrom(
    'Host',
    'host',
    'Content-Type',
    'Accept',
    'Cookie',
    'cookie',
    'X-Forwarded-For',
    'User-Agent',
    'Authorization',
    'Origin',
  ),
  fc.constantFrom(
    'Content-Length',
    'Connection',
    'X-Amzn-Trace-Id',
    'x-api-key',
    'Access-Control-Request-Method',
    'Cache-Control',
  ),
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/),
);
const headerValue = fc.oneof(
  fc.constantFrom('image/png', 'application/octet-stream', 'application/json', 'text/plain; charset=utf-8', 'font/woff2', '*/*'),
  fc.constantFrom('abc.execute-api.localhost', '127.0.0.1:3000', 'a=1; b=2', 'https://app.example.com', 'GET', 'max-age=0', ''),
  fc.constantFrom('Root=1-5759e988-bd862e3fe1be46a994272793', 'Root=1-zz'),
  // Header values as Node hands them over: Latin-1 without CR, LF or NUL.
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 16 }),
);
const request: fc.Arbitrary<GatewayRequest> = fc.record({
  method: fc.oneof(
    fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
    fc.stringMatching(/^[A-Z]{1,7}$/),
  ),
  target,
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  body: fc.oneof(
    fc.constant(Buffer.alloc(0)),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
    fc.string({ maxLength: 32 }).map((s) => Buffer.from(s)),
  ),
  sourceIp: fc.constantFrom('127.0.0.1', '::1', '10.0.0.7'),
  protocol: fc.constant('HTTP/1.1'),
  localPort: fc.constant(3000),
});

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
const result: fc.Arbitrary<InvokeResult> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .oneof(
        fc.record(
          {
            statusCode: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constantFrom('200', 'x', 0, 1000)),
            headers: fc.dictionary(
              fc.oneof(headerName, fc.string({ maxLength: 6 })),
              fc.oneof(scalar, fc.string({ maxLength: 12 })),
            ),
            multiValueHeaders: fc.dictionary(headerName, fc.array(scalar, { maxLength: 3 })),
            cookies: fc.array(fc.string({ maxLength: 12 }), { maxLength: 2 }),
            body: fc.oneof(
              fc.string({ maxLength: 40 }),
              fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b).toString('base64')),
              scalar,
            ),
            isBase64Encoded: fc.oneof(fc.boolean(), fc.constant('true')),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map((value) => ({ kind: 'success' as const, payload: Buffer.from(JSON.stringify(value) ?? 'null'), report })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<InvokeResult>(
      {
        kind: 'function-error',
        payload: Buffer.from('{"errorType":"Error","errorMessage":"boom"}'),
        errorType: 'Error',
        errorMessage: 'boom',
        reason: 'handler',
        report,
      },
      { kind: 'service-error', status: 429, errorType: 'TooManyRequestsException', message: 'Rate Exceeded.' },
      { kind: 'service-error', status: 413, errorType: 'RequestEntityTooLargeException', message: 'too large' },
    ),
  },
);

// ---------------------------------------------------------------------------------------------------- checks

const catalogueCodes = new Set(Object.keys(failures));

// Plain assertions in the per-case checks: vitest's expect costs more than the pipeline itself here.
function checkEventTellsTheTruth(event: Record<string, unknown>, sent: GatewayRequest): void {
  const body = event.body;
  if (sent.body.length === 0) assert.equal(body ?? null, null);
  else if (event.isBase64Encoded === true) assert.ok(Buffer.from(body as string, 'base64').equals(sent.body), 'base64 body');
  else assert.equal(body, sent.body.toString('utf8'));
  if (event.version === '2.0') {
    assert.ok(typeof event.rawPath === 'string' && event.rawPath.startsWith('/'), 'rawPath');
    for (const value of Object.values(event.headers as Record<string, unknown>)) assert.equal(typeof value, 'string');
    for (const cookie of (event.cookies as unknown[] | undefined) ?? []) assert.equal(typeof cookie, 'string');
    return;
  }
  // Payload 1.0 (REST, and HTTP APIs on 1.0): `headers` holds the last value of each multiValueHeaders list.
  assert.ok((event.path as string).startsWith('/'), 'path');
  const single = event.headers as Record<string, string> | null;
  const multi = event.multiValueHeaders as Record<string, string[]> | null;
  for (const [name, values] of Object.entries(multi ?? {})) assert.equal(single?.[name], values.at(-1));
  const query = event.queryStringParameters as Record<string, string> | null;
  const multiQuery = event.multiValueQueryStringParameters as Record<string, string[]> | null;
  assert.equal(query === null, multiQuery === null);
  // REST keeps the last value of a repeated key; HTTP APIs on 1.0 the first (build-http-api-event.ts).
  for (const [name, values] of Object.entries(multiQuery ?? {}))
    assert.ok([values.at(-1), values[0]].includes(query?.[name]), 'query');
}

describe('random requests and Lambda results through the whole pipeline (fuzz, no sockets)', () => {
  it('answers 20 000 of them within the catalogue, with valid wire headers and truthful events', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), request, result, async (which, sent, lambdaResult) => {
        // Prepare
        const gateway = gateways[which] as Gateway;
        runtime.next = lambdaResult;
        runtime.events = [];
        // Act
        const exchange = await gateway.handle(sent);
        // Assess
        const { response, trace } = exchange;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(Number.isInteger(response.status) && response.status >= 100 && response.status <= 599, 'status');
        if (trace.failure) assert.ok(catalogueCodes.has(trace.failure.code), trace.failure.code);
        for (const [name, value] of response.headers) {
          validateHeaderName(name);
          validateHeaderValue(name, value);
        }
        const lengths = response.headers.filter(([n]) => n.toLowerCase() === 'content-length');
        assert.ok(lengths.length <= 1, 'one Content-Length');
        if (lengths[0]) assert.equal(lengths[0][1], String(response.body.length));
        for (const payload of runtime.events) checkEventTellsTheTruth(JSON.parse(payload.toString('utf8')), sent);
      }),
      { numRuns: 20_000 },
    );
    // The cases reach functions and every kind of answer, not only the front door's refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(500);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(4);
  });
});
