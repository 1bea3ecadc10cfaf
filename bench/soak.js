// Soak: rounds of mixed requests (JSON, binary both ways, errors) at concurrency 32 through the real server, every
// answer checked against what AWS would send; after each round the gateway's heap (after GC) and RSS are recorded,
// and the heap must stay flat. Run with `npm run soak` (builds first). Bounded: stopped at 170 s.
// SOAK_ROUNDS (default 8) × SOAK_REQUESTS (default 2500) requests; the first 2 rounds warm up (environments start,
// JIT, pools) and are not judged.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const { startGateway } = await import('../dist/index.js');

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 8);
const PER_ROUND = Number(process.env.SOAK_REQUESTS ?? 2500);
const CONCURRENCY = 32;
const WARM_ROUNDS = 2;
const MAX_HEAP_GROWTH_MB = 8;
const TIME_LIMIT_MS = 170_000;

const watchdog = setTimeout(() => {
  console.error(`soak: still running after ${TIME_LIMIT_MS / 1000} s, stopped`);
  process.exit(1);
}, TIME_LIMIT_MS);
watchdog.unref();

/** The fixture handler's bytes for a nonce (test/fixtures/projects/faults/src/mixed.mjs), computed independently. */
function bytesFor(nonce) {
  const blocks = [];
  const count = 32 + (Number.parseInt(createHash('sha256').update(nonce).digest('hex').slice(0, 2), 16) % 96);
  for (let i = 0; i < count; i++) blocks.push(createHash('sha256').update(`${nonce}:${i}`).digest());
  return Buffer.concat(blocks);
}

const KINDS = ['json', 'json', 'json', 'json', 'binary', 'binary', 'binary', 'echo', 'throw', 'malformed'];

function planned(i) {
  const kind = KINDS[(i * 7) % KINDS.length];
  const api = i % 2 === 0 ? 'rest' : 'http';
  const nonce = `s${i}`;
  const body = kind === 'echo' ? bytesFor(`upload-${nonce}`).subarray(0, 100 + (i % 3000)) : undefined;
  return { kind, api, nonce, body };
}

function expected(p) {
  const restError = { status: 502, body: Buffer.from('{"message": "Internal server error"}') };
  const httpError = { status: 500, body: Buffer.from('{"message":"Internal Server Error"}') };
  switch (p.kind) {
    case 'json':
      return { status: 200, body: Buffer.from(JSON.stringify({ nonce: p.nonce, method: 'GET' })) };
    case 'binary':
      return { status: 200, body: bytesFor(p.nonce) };
    case 'echo':
      return { status: 200, body: p.body };
    case 'throw':
      return p.api === 'rest' ? restError : httpError;
    default:
      return p.api === 'rest' ? restError : { status: 200, body: Buffer.from('{"not":"a string"}') };
  }
}

function send(base, agent, p) {
  const headers = { accept: 'application/octet-stream' };
  if (p.body) {
    headers['content-type'] = 'application/octet-stream';
    headers['content-length'] = String(p.body.length);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${p.api === 'rest' ? '/faults' : ''}/mixed/${p.kind}?n=${p.nonce}`,
      { method: p.body ? 'POST' : 'GET', agent, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(p.body);
  });
}

async function round(base, agent, first) {
  let next = first;
  const last = first + PER_ROUND;
  let wrong = 0;
  const worker = async () => {
    while (next < last) {
      const p = planned(next++);
      const res = await send(base, agent, p);
      const want = expected(p);
      if (res.status !== want.status || !res.body.equals(want.body)) wrong++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
  return wrong;
}

async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 };
}

const template = fileURLToPath(new URL('../test/fixtures/projects/faults/template.yaml', import.meta.url));
const gateway = await startGateway({ template, port: 0 });
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const rows = [];
let failures = 0;
const started = performance.now();
try {
  for (let r = 0; r < ROUNDS; r++) {
    const roundStarted = performance.now();
    const wrong = await round(gateway.url, agent, r * PER_ROUND);
    const seconds = (performance.now() - roundStarted) / 1000;
    failures += wrong;
    rows.push({ round: r + 1, wrong, rps: PER_ROUND / seconds, ...(await settledMemory()) });
  }
} finally {
  agent.destroy();
  await gateway.close();
}

const judged = rows.slice(WARM_ROUNDS);
const growth = (judged.at(-1)?.heapMb ?? 0) - (judged[0]?.heapMb ?? 0);
console.log(`soak: ${ROUNDS} rounds × ${PER_ROUND} mixed requests at concurrency ${CONCURRENCY}, node ${process.version}`);
console.log('| round | wrong answers | req/s | heap after GC (MB) | RSS (MB) |');
console.log('| ----- | ------------- | ----- | ------------------ | -------- |');
for (const row of rows) {
  console.log(
    `| ${row.round}${row.round <= WARM_ROUNDS ? ' (warm-up)' : ''} | ${row.wrong} | ${row.rps.toFixed(0)} | ${row.heapMb.toFixed(1)} | ${row.rssMb.toFixed(1)} |`,
  );
}
console.log(
  `\n${ROUNDS * PER_ROUND} requests in ${((performance.now() - started) / 1000).toFixed(1)} s; heap growth over the judged rounds ${growth.toFixed(1)} MB (limit ${MAX_HEAP_GROWTH_MB} MB); wrong answers ${failures}`,
);
const ok = failures === 0 && growth <= MAX_HEAP_GROWTH_MB;
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
