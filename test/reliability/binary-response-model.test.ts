import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/failures/gateway-error.js';
import type { RequestIdentity } from '../../src/integrations/lambda-proxy/build-proxy-event.js';
import { InvocationContext } from '../../src/pipeline/context.js';
import type { IntegrationResponse } from '../../src/pipeline/rest/integration-response.js';
import { methodResponse } from '../../src/pipeline/rest/method-response.js';

// The REST binary response path (method response phase) driven with random Lambda proxy results, Accept headers and
// binaryMediaTypes, against a model of AWS's rule written here from ../shared/aws/api-gateway.md §5.1 (recorded,
// test_aws_proxy_binary_response): decode only when isBase64Encoded is true AND the FIRST media type of Accept
// (application/json when Accept is absent) matches a binaryMediaTypes entry (exact; `type/*`; `*/*` matches all;
// `*/x` matches nothing); the response Content-Type plays no part; invalid base64 then is 500; otherwise the
// client gets the body text as is.

const identity: RequestIdentity = {
  requestId: '00000000-0000-4000-8000-000000000000',
  extendedRequestId: 'AAAAAAAAAAAAAAA=',
  traceId: 'Root=1-00000000-000000000000000000000000',
  requestTimeEpoch: 0,
  accountId: '123456789012',
};
const source = { file: 'template.yaml', line: 1, column: 1, keyPath: 'Resources.Fn' };

interface Case {
  readonly binaryMediaTypes: readonly string[];
  readonly accept: string | undefined;
  readonly isBase64Encoded: boolean;
  readonly body: string;
  readonly contentType: string | undefined;
  readonly statusCode: number;
}

/** The media type API Gateway reads off a header value: text before `;`, trimmed, lower-cased. */
const mediaTypeOf = (value: string) => (value.split(';')[0] ?? '').trim().toLowerCase();

function firstAccept(accept: string | undefined): string {
  if (accept === undefined || accept.trim() === '') return 'application/json';
  return mediaTypeOf(accept.split(',')[0] ?? '');
}

function entryMatches(entry: string, mediaType: string): boolean {
  const e = mediaTypeOf(entry);
  if (e === '*/*') return true;
  if (e.startsWith('*/')) return false;
  if (e === mediaType) return true;
  const [type] = mediaType.split('/');
  return mediaType.includes('/') && e.endsWith('/*') && e.slice(0, -2) === type;
}

function strictBase64(text: string): Buffer | undefined {
  const m = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(text);
  if (!m || (m[1] as string).length % 4 === 1 || ((m[2] as string) !== '' && text.length % 4 !== 0)) return undefined;
  return Buffer.from(m[1] as string, 'base64');
}

/** What the client receives, by the model. */
function model(c: Case): { outcome: 'decoded' | 'text' | 'failed'; status: number; body: Buffer } {
  if (c.isBase64Encoded && c.binaryMediaTypes.some((e) => entryMatches(e, firstAccept(c.accept)))) {
    const decoded = strictBase64(c.body);
    return decoded
      ? { outcome: 'decoded', status: c.statusCode, body: decoded }
      : { outcome: 'failed', status: 500, body: Buffer.alloc(0) };
  }
  return { outcome: 'text', status: c.statusCode, body: Buffer.from(c.body, 'utf8') };
}

function actual(c: Case): {
  failed: boolean;
  status: number;
  body: Buffer;
  contentLength: string | undefined;
  contentType: string | undefined;
} {
  const input = {
    kind: 'lambda-proxy',
    proxy: {
      statusCode: c.statusCode,
      headers: c.contentType === undefined ? [] : [['Content-Type', c.contentType]],
      body: c.body,
      isBase64Encoded: c.isBase64Encoded,
    },
    endpointResponse: {
      kind: 'lambda-proxy',
      payload: '',
      latencyMs: 0,
      integrationRequest: {
        kind: 'lambda-proxy',
        fn: { source },
        methodRequest: {
          identity,
          route: {
            parsed: { request: { headers: c.accept === undefined ? [] : [['Accept', c.accept]] } },
            deployed: { deployment: { api: { binaryMediaTypes: c.binaryMediaTypes, source } } },
          },
        },
      },
    },
  } as unknown as IntegrationResponse;
  try {
    const response = methodResponse.run(input, new InvocationContext('fuzz')) as Awaited<ReturnType<typeof methodResponse.run>>;
    const header = (name: string) => response.headers.find(([n]) => n === name)?.[1];
    return {
      failed: false,
      status: response.status,
      body: response.body,
      contentLength: header('Content-Length'),
      contentType: header('Content-Type'),
    };
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'BASE64_DECODE_FAILED') {
      return { failed: true, status: 500, body: Buffer.alloc(0), contentLength: undefined, contentType: undefined };
    }
    throw error;
  }
}

const mediaType = fc.oneof(
  fc.constantFrom(
    'image/png',
    'image/jpg',
    'image/webp',
    'application/octet-stream',
    'application/json',
    'text/html',
    'font/woff2',
  ),
  fc.constantFrom('image/*', '*/*', '*/test', 'random/test', 'application/*', 'application', 'IMAGE/PNG', ' image/png '),
  fc.tuple(fc.stringMatching(/^[a-z*]{1,5}$/), fc.stringMatching(/^[a-z0-9*.+-]{1,6}$/)).map(([t, s]) => `${t}/${s}`),
);
const withParams = fc.tuple(mediaType, fc.constantFrom('', ';q=0.9', '; charset=utf-8', ';q=0')).map(([m, p]) => `${m}${p}`);
const acceptHeader = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', '   '),
  fc
    .tuple(fc.array(withParams, { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ', '))
    .map(([list, separator]) => list.join(separator)),
);
const bytes = fc.uint8Array({ maxLength: 48 }).map((b) => Buffer.from(b));
const body = fc.oneof(
  bytes.map((b) => b.toString('base64')),
  bytes.map((b) => b.toString('base64').replace(/=+$/, '')),
  fc.string({ maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'QUJD+/=-_ '), maxLength: 12 }),
);
const caseArb: fc.Arbitrary<Case> = fc.record({
  binaryMediaTypes: fc.array(mediaType, { maxLength: 4 }),
  accept: acceptHeader,
  isBase64Encoded: fc.boolean(),
  body,
  contentType: fc.option(mediaType, { nil: undefined }),
  statusCode: fc.constantFrom(200, 201, 404, 500),
});

describe('REST binary responses against a model of the first-Accept rule (fuzz)', () => {
  it('sends decoded bytes, base64 text or 500 exactly as the model says, for 25 000 cases', () => {
    const outcomes = { decoded: 0, text: 0, failed: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const expected = model(c);
        const got = actual(c);
        if (got.failed !== (expected.outcome === 'failed')) return false;
        if (got.status !== expected.status || !got.body.equals(expected.body)) return false;
        outcomes[expected.outcome]++;
        if (got.failed) return true;
        // The gateway's own framing: Content-Length of what is sent; the function's Content-Type or application/json.
        return got.contentLength === String(got.body.length) && got.contentType === (c.contentType ?? 'application/json');
      }),
      { numRuns: 25_000 },
    );
    expect(outcomes.decoded).toBeGreaterThan(1_000);
    expect(outcomes.text).toBeGreaterThan(1_000);
    expect(outcomes.failed).toBeGreaterThan(200);
  });
});
