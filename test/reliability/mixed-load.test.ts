import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// Many mixed requests at once through the real server: every answer is checked byte for byte (by checksum) against
// what AWS would send for that very request, so a lost, duplicated or swapped answer cannot pass.
// AWS rules used for the expected answers: ../shared/aws/api-gateway.md §4.1 (REST validation: a non-string body
// is 502), §4.2 (HTTP API 2.0: a non-string body is serialised, inferred), §5.1/§5.2 (binary), §7 (error bodies).
// 10 000 requests run in `npm test` (about 10 s on 2 cores); RELIABILITY_LOAD_REQUESTS changes the count.
const TOTAL = Number(process.env.RELIABILITY_LOAD_REQUESTS ?? 10_000);
const CONCURRENCY = 32;
const fx = useFixtureGateway('faults');
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
afterAll(() => agent.destroy());

type Api = 'rest' | 'http';
type Kind = 'json' | 'binary' | 'echo' | 'throw' | 'malformed';

interface Planned {
  readonly api: Api;
  readonly kind: Kind;
  readonly nonce: string;
  readonly body?: Buffer;
}

interface Expected {
  readonly status: number;
  readonly body: Buffer;
}

/** The handler's bytes for a nonce (test/fixtures/projects/faults/src/mixed.mjs), computed independently here. */
function bytesFor(nonce: string): Buffer {
  const blocks: Buffer[] = [];
  const count = 32 + (Number.parseInt(createHash('sha256').update(nonce).digest('hex').slice(0, 2), 16) % 96);
  for (let i = 0; i < count; i++) blocks.push(createHash('sha256').update(`${nonce}:${i}`).digest());
  return Buffer.concat(blocks);
}

/** What AWS answers for one planned request. */
function expectedAnswer(p: Planned): Expected {
  const restError = { status: 502, body: Buffer.from('{"message": "Internal server error"}') };
  const httpError = { status: 500, body: Buffer.from('{"message":"Internal Server Error"}') };
  switch (p.kind) {
    case 'json':
      return { status: 200, body: Buffer.from(JSON.stringify({ nonce: p.nonce, method: 'GET' })) };
    case 'binary':
      return { status: 200, body: bytesFor(p.nonce) };
    case 'echo':
      return { status: 200, body: p.body ?? Buffer.alloc(0) };
    case 'throw':
      return p.api === 'rest' ? restError : httpError;
    case 'malformed':
      return p.api === 'rest' ? restError : { status: 200, body: Buffer.from('{"not":"a string"}') };
  }
}

/** A deterministic mix: 40% JSON, 25% binary answers, 10% binary uploads, 15% thrown errors, 10% malformed results. */
function plan(total: number): Planned[] {
  const kinds: Kind[] = ['json', 'json', 'json', 'json', 'binary', 'binary', 'binary', 'echo', 'throw', 'malformed'];
  const out: Planned[] = [];
  for (let i = 0; i < total; i++) {
    const kind = kinds[(i * 7) % kinds.length] as Kind;
    const api: Api = i % 2 === 0 ? 'rest' : 'http';
    const nonce = `n${i}-${createHash('sha1').update(String(i)).digest('hex').slice(0, 8)}`;
    out.push(
      kind === 'echo'
        ? { api, kind, nonce, body: bytesFor(`upload-${nonce}`).subarray(0, 100 + (i % 3000)) }
        : { api, kind, nonce },
    );
  }
  return out;
}

function sendPlanned(base: string, p: Planned): Promise<{ status: number; body: Buffer; nonceHeader: string | undefined }> {
  const prefix = p.api === 'rest' ? '/faults' : '';
  const headers: Record<string, string> = { accept: 'application/octet-stream' };
  if (p.body) {
    headers['content-type'] = 'application/octet-stream';
    headers['content-length'] = String(p.body.length);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${prefix}/mixed/${p.kind}?n=${p.nonce}`,
      { method: p.body ? 'POST' : 'GET', agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const nonceHeader = res.headers['x-nonce'];
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            nonceHeader: typeof nonceHeader === 'string' ? nonceHeader : undefined,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(p.body);
  });
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe(`${TOTAL} mixed requests at concurrency ${CONCURRENCY}`, () => {
  it('answers every request exactly as AWS would, none lost or mixed up', { timeout: 120_000 }, async () => {
    // Prepare
    const planned = plan(TOTAL);
    const wrong: string[] = [];
    let answered = 0;
    let next = 0;
    // Act
    const worker = async () => {
      while (next < planned.length) {
        const p = planned[next++] as Planned;
        const res = await sendPlanned(fx.url, p);
        answered++;
        const expected = expectedAnswer(p);
        const checksumOk = sha(res.body) === sha(expected.body);
        const nonceOk = expected.status !== 200 || p.kind === 'malformed' || res.nonceHeader === p.nonce;
        if (res.status !== expected.status || !checksumOk || !nonceOk) {
          wrong.push(
            `${p.api} ${p.kind} ${p.nonce}: ${res.status} (${res.body.length} bytes, X-Nonce ${res.nonceHeader}), expected ${expected.status} (${expected.body.length} bytes)`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
    // Assess
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(wrong.length).toBe(0);
    expect(answered).toBe(TOTAL);
  });
});
