// The Lambda runtime against a plain in-process call of the same handler, in the same run (issue 3 targets).
// Run after `npm run build`: `node bench/runtime.bench.js`, or all benches with `npm run bench`.
// Prints a table: warm invoke overhead (pipe and HTTP transports), cold start with and without spare
// environments, the first request of a new runtime, RSS per warm environment and 32 concurrent slow invokes.
// Bounded: the whole run takes about 15 s and is stopped at 60 s.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProcessRuntime } from '../dist/runtime/index.js';

const WARM_UP = 300;
const WARM_INVOKES = 2000;
const COLD_STARTS = 10;
const FIRST_REQUESTS = 7;
const CONCURRENT = 32;
const SLOW_MS = 200;
const THREAD_ENVIRONMENTS = 8;
const TIME_LIMIT_MS = 90_000;

const watchdog = setTimeout(() => {
  console.error(`runtime bench: still running after ${TIME_LIMIT_MS / 1000} s, stopped`);
  process.exit(1);
}, TIME_LIMIT_MS);
watchdog.unref();

const codeUri = fileURLToPath(new URL('./functions/trivial', import.meta.url));
const handlerModule = pathToFileURL(`${codeUri}/index.mjs`).href;
const eventPayload = Buffer.from(JSON.stringify({ resource: '/items/{id}', path: '/items/1', httpMethod: 'GET', body: null }));

/** @param {string} logicalId @param {string} handler */
function trivialFunction(logicalId, handler) {
  return {
    logicalId,
    functionName: logicalId,
    runtime: 'nodejs20.x',
    handler: `index.${handler}`,
    codeUri,
    timeoutSeconds: 10,
    memorySizeMb: 128,
    environment: {},
    architecture: 'x86_64',
    source: { file: 'bench/runtime.bench.js', line: 0, column: 0, keyPath: `Resources.${logicalId}` },
  };
}

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** @param {() => Promise<unknown>} call @param {number} count */
async function timeEach(call, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

/** @param {{ kind: string }} result */
function expectSuccess(result) {
  if (result.kind !== 'success') throw new Error(`invoke failed: ${JSON.stringify(result)}`);
  return result;
}

/** VmRSS, and RssAnon: the private part (VmRSS also counts the node binary's pages, shared by every process). */
function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const mbOf = (key) => Number.parseInt(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 'NaN', 10) / 1024;
  return { rss: mbOf('VmRSS'), anon: mbOf('RssAnon') };
}

/**
 * The floor of any one-process-per-environment design on this machine: the event bytes to another node process
 * over a pipe on fd 3 and back, nothing else (two wake-ups, as a warm invoke has).
 */
async function pipeRoundTrip() {
  const echo =
    "const s = new (require('node:net').Socket)({ fd: 3, readable: true, writable: true }); s.on('data', (c) => s.write(c));";
  const child = spawn(process.execPath, ['-e', echo], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
  const pipe = child.stdio[3];
  let received = 0;
  let done = () => {};
  pipe.on('data', (chunk) => {
    received += chunk.length;
    if (received >= eventPayload.length) {
      received = 0;
      done();
    }
  });
  const roundTrip = () =>
    new Promise((resolve) => {
      done = resolve;
      pipe.write(eventPayload);
    });
  await timeEach(roundTrip, WARM_UP);
  const times = await timeEach(roundTrip, WARM_INVOKES);
  child.kill('SIGKILL');
  return times;
}

/** Wall time of `node -e 0` and the RSS of an idle bare node: the floor any process-per-environment design has. */
async function bareNode() {
  const starts = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
    starts.push(performance.now() - started);
  }
  const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const memory = memoryMb(idle.pid);
  idle.kill('SIGKILL');
  return { startMs: quantile(starts, 0.5), memory };
}

/** The same handler, called in this process, with the JSON round trip a runtime does. */
async function inProcess() {
  const importStarted = performance.now();
  const handlers = await import(`${handlerModule}?fresh=${Date.now()}`);
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 };
  const call = async (payload) => Buffer.from(JSON.stringify(await handlers.echo(JSON.parse(payload.toString('utf8')), context)));
  await call(eventPayload);
  const coldMs = performance.now() - importStarted;
  await timeEach(() => call(eventPayload), WARM_UP);
  const warm = await timeEach(() => call(eventPayload), WARM_INVOKES);
  const slowStarted = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, () => handlers.sleep({ ms: SLOW_MS })));
  return { coldMs, warm, concurrentMs: performance.now() - slowStarted };
}

/** @param {'thread' | 'process'} isolation @param {boolean} runtimeApiPipe */
async function warmInvokes(isolation, runtimeApiPipe) {
  const runtime = createProcessRuntime({ isolation, runtimeApiPipe });
  try {
    const fn = trivialFunction(runtimeApiPipe ? 'WarmPipe' : 'WarmHttp', 'echo');
    const invoke = async () => expectSuccess(await runtime.invoke(fn, { payload: eventPayload }));
    await timeEach(invoke, WARM_UP);
    return await timeEach(invoke, WARM_INVOKES);
  } finally {
    await runtime.dispose();
  }
}

/**
 * Cold starts of one function, one at a time, each on a fresh environment (`recycle`). With spares, the first
 * cold start picks the key spares are kept for and is not counted; each counted one waits until a spare has
 * started up, as a cold start after a quiet moment would find it (decision 0001, "spare environments").
 * Threads have spares too (decision 0004).
 * @param {'thread' | 'process'} isolation @param {number} spareEnvironments
 */
async function coldStarts(isolation, spareEnvironments) {
  let ready = 0;
  const runtime = createProcessRuntime({
    isolation,
    spareEnvironments,
    onSpareEvent: (event) => {
      if (event.kind === 'ready') ready += 1;
    },
  });
  try {
    const fn = trivialFunction('Cold', 'echo');
    if (spareEnvironments > 0) expectSuccess(await runtime.invoke(fn, { payload: eventPayload }));
    const wall = [];
    const init = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      await runtime.recycle(['Cold']);
      while (spareEnvironments > 0 && ready <= i) await new Promise((resolve) => setTimeout(resolve, 5));
      const started = performance.now();
      const result = expectSuccess(await runtime.invoke(fn, { payload: eventPayload }));
      wall.push(performance.now() - started);
      init.push(result.report.initDurationMs ?? Number.NaN);
    }
    return { wallMs: quantile(wall, 0.5), initMs: quantile(init, 0.5) };
  } finally {
    await runtime.dispose();
  }
}

/**
 * The first request a new runtime serves: no spare can exist yet, so this shows what keeping spares costs the
 * request that starts them (they are started after its init). p50 over FIRST_REQUESTS new runtimes.
 * @param {number} spareEnvironments
 */
async function firstRequests(spareEnvironments) {
  const times = [];
  for (let i = 0; i < FIRST_REQUESTS; i++) {
    const runtime = createProcessRuntime({ isolation: 'process', spareEnvironments });
    try {
      const started = performance.now();
      expectSuccess(await runtime.invoke(trivialFunction('First', 'echo'), { payload: eventPayload }));
      times.push(performance.now() - started);
      // Let a spare start (or not) before the runtime goes, as it would in a long-running gateway.
      await new Promise((resolve) => setTimeout(resolve, 150));
    } finally {
      await runtime.dispose();
    }
  }
  return quantile(times, 0.5);
}

async function warmEnvironmentRss() {
  const runtime = createProcessRuntime({ isolation: 'process' });
  try {
    const fn = trivialFunction('Rss', 'pid');
    let pid = 0;
    for (let i = 0; i < WARM_UP; i++) {
      pid = JSON.parse(expectSuccess(await runtime.invoke(fn, { payload: eventPayload })).payload.toString());
    }
    return memoryMb(pid);
  } finally {
    await runtime.dispose();
  }
}

/**
 * What each warm thread environment adds to this process's RSS: THREAD_ENVIRONMENTS environments kept busy
 * at once so that each is its own, then the RSS growth divided among them.
 */
async function warmThreadRss() {
  const runtime = createProcessRuntime({ isolation: 'thread' });
  try {
    const fn = trivialFunction('ThreadRss', 'sleep');
    const payload = Buffer.from(JSON.stringify({ ms: 300 }));
    globalThis.gc?.();
    const before = memoryMb(process.pid);
    const results = await Promise.all(Array.from({ length: THREAD_ENVIRONMENTS }, () => runtime.invoke(fn, { payload })));
    const environments = new Set(results.map((result) => expectSuccess(result).report.environmentId)).size;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = memoryMb(process.pid);
    return { rss: (after.rss - before.rss) / environments, anon: (after.anon - before.anon) / environments, environments };
  } finally {
    await runtime.dispose();
  }
}

async function concurrentSlowInvokes() {
  const runtime = createProcessRuntime();
  try {
    const fn = trivialFunction('Slow', 'sleep');
    const payload = Buffer.from(JSON.stringify({ ms: SLOW_MS }));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: CONCURRENT }, () => runtime.invoke(fn, { payload })));
    const wallMs = performance.now() - started;
    const environments = new Set(results.map((result) => expectSuccess(result).report.environmentId));
    return { wallMs, environments: environments.size };
  } finally {
    await runtime.dispose();
  }
}

const ms = (value) => `${value.toFixed(3)} ms`;
const signedMs = (value) => `${value >= 0 ? '+' : '-'}${ms(Math.abs(value))}`;
const mb = (value) => `${value.toFixed(1)} MB`;

const floor = await bareNode();
const baseline = await inProcess();
const rawPipe = await pipeRoundTrip();
const thread = await warmInvokes('thread', true);
const pipe = await warmInvokes('process', true);
const http = await warmInvokes('process', false);
const threadCold = await coldStarts('thread', 0);
const threadSpareCold = await coldStarts('thread', 1);
const cold = await coldStarts('process', 0);
const spareCold = await coldStarts('process', 1);
const firstWithout = await firstRequests(0);
const firstWith = await firstRequests(1);
const threadMemory = await warmThreadRss();
const memory = await warmEnvironmentRss();
const slow = await concurrentSlowInvokes();

const base50 = quantile(baseline.warm, 0.5);
const base99 = quantile(baseline.warm, 0.99);
const overhead = (times, q, base) => quantile(times, q) - base;
const pass = (ok) => (ok ? 'PASS' : 'MISS');

/**
 * The median and p99 rows of one way of invoking: a median with a target is judged, one without is a reference.
 * @param {string} medianLabel @param {string} p99Label @param {number[]} times @param {boolean} judged
 */
const warmInvokeRows = (medianLabel, p99Label, times, judged) => [
  [
    `warm invoke, median (${medianLabel})`,
    ms(quantile(times, 0.5)),
    ms(base50),
    `+${ms(overhead(times, 0.5, base50))}`,
    judged ? '≤ +0.150 ms' : '',
    judged ? pass(overhead(times, 0.5, base50) <= 0.15) : 'reference',
  ],
  [
    `warm invoke, p99 (${p99Label})`,
    ms(quantile(times, 0.99)),
    ms(base99),
    `+${ms(overhead(times, 0.99, base99))}`,
    '',
    judged ? '' : 'reference',
  ],
];

/**
 * A cold start's row and the REPORT Init Duration under it; without a target, `note` says why.
 * @param {string} label @param {{ wallMs: number; initMs: number }} result
 * @param {{ judged: boolean; fromAssignment: boolean; note?: string; initBaseline?: string }} how
 */
const coldStartRows = (label, result, how) => [
  [
    `cold start, median of ${COLD_STARTS}, ${label}`,
    ms(result.wallMs),
    `${ms(baseline.coldMs)} (import)`,
    signedMs(result.wallMs - baseline.coldMs),
    how.judged ? '≤ 60 ms' : '',
    how.judged ? pass(result.wallMs <= 60) : (how.note ?? ''),
  ],
  [
    `  of which REPORT Init Duration${how.fromAssignment ? ' (from assignment)' : ''}`,
    ms(result.initMs),
    how.initBaseline ?? '',
    '',
    '',
    '',
  ],
];

const rows = [
  ['metric', 'gatehouse', 'in-process baseline', 'difference', 'target', ''],
  ...warmInvokeRows('thread, default', 'thread', thread, true),
  ...warmInvokeRows('process, pipe', 'process, pipe', pipe, true),
  ['  raw fd-3 pipe round trip, median', ms(quantile(rawPipe, 0.5)), '', '', '', 'floor'],
  ...warmInvokeRows('process, HTTP', 'process, HTTP', http, false),
  ...coldStartRows('thread, spare ready (default)', threadSpareCold, { judged: true, fromAssignment: true }),
  ...coldStartRows('thread, no spares', threadCold, { judged: true, fromAssignment: false }),
  ...coldStartRows('process, spare ready', spareCold, { judged: true, fromAssignment: true }),
  ...coldStartRows('process, no spares', cold, {
    judged: false,
    fromAssignment: false,
    note: 'spareEnvironments: 0',
    initBaseline: `${ms(floor.startMs)} (node -e 0)`,
  }),
  [
    `first request of a new runtime, p50 of ${FIRST_REQUESTS}`,
    ms(firstWith),
    `${ms(firstWithout)} (no spares)`,
    signedMs(firstWith - firstWithout),
    '',
    'no spare yet',
  ],
  [
    `RSS per warm environment, thread (default; gateway growth / ${threadMemory.environments})`,
    mb(threadMemory.rss),
    '',
    '',
    '≤ 25 MB',
    pass(threadMemory.rss <= 25),
  ],
  [
    'RSS per warm environment, process (VmRSS)',
    mb(memory.rss),
    `${mb(floor.memory.rss)} (bare node)`,
    `+${mb(memory.rss - floor.memory.rss)}`,
    '≤ 25 MB',
    pass(memory.rss <= 25),
  ],
  [
    '  of which private (RssAnon)',
    mb(memory.anon),
    `${mb(floor.memory.anon)} (bare node)`,
    `+${mb(memory.anon - floor.memory.anon)}`,
    '',
    '',
  ],
  [
    `${CONCURRENT} concurrent ${SLOW_MS} ms invokes`,
    `${slow.environments} envs, ${ms(slow.wallMs)}`,
    ms(baseline.concurrentMs),
    `×${(slow.wallMs / baseline.concurrentMs).toFixed(2)}`,
    `${CONCURRENT} envs`,
    pass(slow.environments === CONCURRENT),
  ],
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
console.log(
  `Lambda runtime, node ${process.version}, ${WARM_INVOKES} warm invokes after ${WARM_UP} (event ${eventPayload.length} bytes)`,
);
console.log(line(rows[0]));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows.slice(1)) console.log(line(row));
