// gatehouse over HTTP against a floor measured in the same run (issue 9 targets). Run after `npm run build`:
// `node bench/gateway.bench.js`, or every bench with `npm run bench`.
//
// - The floor: a plain node:http server calling the same handlers in-process (bench/gateway/serve-floor.mjs).
// - gatehouse: a REST route and an HTTP API route, handlers in their own execution environments, as in use.
// - serverless-offline (default mode), only with BENCH_PEERS=1: installed into a scratch folder outside the repo.
// Load comes from another process (wrk when installed, else autocannon: bench/gateway/load.mjs) over keep-alive
// loopback connections. Every server is warmed up first on every route (BENCH_WARM_UP_MS each): gatehouse runs
// its handlers in several V8 isolates (one per execution environment), which take seconds of load to reach their
// optimised code, where the floor's single small function takes a fraction of a second.
// Also: launch of a generated 100-function template to its first answered request, cold start, idle RSS.
// Bounded: about 3 minutes (BENCH_DURATION_MS per run, BENCH_REPS repetitions), stopped at 300 s.
import { execFileSync, fork, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTemplate, functionsDir, templateHead } from './gateway/bench-template.mjs';
import * as handlers from './gateway/functions/index.mjs';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000);
const PEERS = process.env.BENCH_PEERS === '1';
// With the peer (a fourth server to load) two repetitions keep the run near the same bound.
const REPS = Number(process.env.BENCH_REPS ?? (PEERS ? 2 : 3));
const WARM_UP_MS = Number(process.env.BENCH_WARM_UP_MS ?? 4000);
const TIME_LIMIT_MS = PEERS ? 420_000 : 300_000;

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const cliMain = fileURLToPath(new URL('../dist/cli/gatehouse.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];

const cleanUp = () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
};
const watchdog = setTimeout(() => {
  console.error(`gateway bench: still running after ${TIME_LIMIT_MS / 1000} s, stopped`);
  cleanUp();
  process.exit(1);
}, TIME_LIMIT_MS);
watchdog.unref();

const decode = (result) => (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8'));
const payloads = [
  { name: 'JSON hello', path: '/hello', headers: {}, handler: handlers.hello, target: 0.5 },
  { name: '1 KiB PNG', path: '/png', headers: { accept: 'image/png' }, handler: handlers.png1k, target: 0.5 },
  {
    name: '1 MiB binary',
    path: '/big',
    headers: { accept: 'application/octet-stream' },
    handler: handlers.binary1m,
    target: 0.7,
  },
];
for (const payload of payloads) payload.expected = decode(await payload.handler());

// ---------------------------------------------------------------------------------------------------- templates

function hundredFunctionTemplate() {
  let resources = '';
  for (let i = 0; i < 100; i++) {
    resources += `
  Fn${i}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.hello
      Events:
        Get:
          Type: Api
          Properties: { RestApiId: !Ref ManyApi, Path: /fn${i}, Method: get }`;
  }
  return `${templateHead(128)}Resources:
  ManyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: bench
${resources}
`;
}

// ---------------------------------------------------------------------------------------------------- processes

/** Starts a server script that prints `{"url","pid"}` as its first stdout line. */
function startServer(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
    children.push(child);
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({ child, ...JSON.parse(out.slice(0, newline)) });
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before listening`)));
  });
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One GET on a fresh connection: status and body. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  return Number.parseInt(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN', 10) / 1024;
}

/**
 * A process and every process below it (VmRSS summed; shared pages count once per process): gatehouse with its
 * execution environments, whether they are threads (inside its own RSS) or child processes (decision 0004).
 */
function footprintMb(pid) {
  let total = memoryMb(pid);
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'latin1').trim();
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean)) total += footprintMb(Number(child));
  }
  return total;
}

const loader = fork(join(benchDir, 'gateway', 'load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
children.push(loader);
/** @param {unknown} message */
function askLoader(message) {
  return new Promise((resolve, reject) => {
    loader.once('message', (answer) => (answer.ok ? resolve(answer.result) : reject(new Error(answer.error))));
    loader.send(message);
  });
}
function runLoad(url, connections, durationMs, headers) {
  return askLoader({ url, connections, durationMs, headers });
}

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function checkAnswers(name, base, prefix) {
  for (const payload of payloads) {
    const res = await get(`${base}${prefix}${payload.path}`, payload.headers);
    if (res.status !== 200 || sha(res.body) !== sha(payload.expected)) {
      throw new Error(`${name} ${payload.path}: status ${res.status}, ${res.body.length} bytes, not the handler's body`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------- throughput

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2;
};

async function throughput(targets) {
  /** @type {Map<string, { rps: number[]; p50: number[]; p99: number[]; failed: number }>} */
  const results = new Map();
  for (const payload of payloads) {
    for (const target of targets) await runLoad(`${target.base}${target.prefix}${payload.path}`, 8, WARM_UP_MS, payload.headers);
  }
  for (let rep = 0; rep < REPS; rep++) {
    for (const connections of [8, 1]) {
      for (const payload of payloads) {
        for (const target of targets) {
          const url = `${target.base}${target.prefix}${payload.path}`;
          const run = await runLoad(url, connections, DURATION_MS, payload.headers);
          const key = `${payload.name}|${connections}|${target.name}`;
          const cell = results.get(key) ?? { rps: [], p50: [], p99: [], failed: 0 };
          cell.rps.push(run.rps);
          cell.p50.push(run.p50);
          cell.p99.push(run.p99);
          cell.failed += run.non2xx + run.errors;
          results.set(key, cell);
        }
      }
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------- start-up

async function startup() {
  const templateFile = join(scratch, 'many', 'template.yaml');
  mkdirSync(join(scratch, 'many'), { recursive: true });
  writeFileSync(templateFile, hundredFunctionTemplate());
  const idleMb = await idleFootprint(templateFile);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const launched = performance.now();
  const cli = spawn(process.execPath, [cliMain, 'start', '--template', templateFile, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(cli);
  cli.stdout.resume();
  let first;
  while (first === undefined) {
    if (performance.now() - launched > 20_000) throw new Error('the 100-function template did not answer within 20 s');
    try {
      const res = await get(`${base}/bench/fn0`);
      if (res.status === 200) first = performance.now() - launched;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  const cold = [];
  for (let i = 1; i <= 5; i++) {
    const started = performance.now();
    const res = await get(`${base}/bench/fn${i}`);
    if (res.status !== 200) throw new Error(`fn${i} answered ${res.status}`);
    cold.push(performance.now() - started);
  }
  const warm = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await get(`${base}/bench/fn${1 + (i % 5)}`);
    warm.push(performance.now() - started);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rss = footprintMb(cli.pid);
  await stop(cli);
  return { firstAnswerMs: first, coldMs: median(cold), warmMs: median(warm), rssMb: rss, idleMb };
}

/** The 100-function template served and idle: started, answering its index page, no function invoked yet. */
async function idleFootprint(templateFile) {
  const port = await freePort();
  const cli = spawn(process.execPath, [cliMain, 'start', '--template', templateFile, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(cli);
  cli.stdout.resume();
  const launched = performance.now();
  for (;;) {
    if (performance.now() - launched > 20_000) throw new Error('the 100-function template did not start within 20 s');
    try {
      if ((await get(`http://127.0.0.1:${port}/_gatehouse`)).status === 200) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rss = footprintMb(cli.pid);
  await stop(cli);
  return rss;
}

// ---------------------------------------------------------------------------------------------------- peer

/** serverless-offline in its default mode, from a scratch folder outside the repo; undefined when it cannot run. */
async function startServerlessOffline() {
  const folder = join(tmpdir(), 'gatehouse-bench-peers');
  const env = {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
  };
  try {
    mkdirSync(folder, { recursive: true });
    if (!existsSync(join(folder, 'node_modules', 'serverless-offline'))) {
      writeFileSync(join(folder, 'package.json'), '{"name":"gatehouse-bench-peers","private":true,"type":"module"}\n');
      console.log(`installing serverless@3 serverless-offline@13 into ${folder} ...`);
      execFileSync('npm', ['install', '--no-audit', '--no-fund', 'serverless@3', 'serverless-offline@13'], {
        cwd: folder,
        env,
        stdio: 'ignore',
        timeout: 120_000,
      });
    }
    writeFileSync(join(folder, 'index.mjs'), readFileSync(join(functionsDir, 'index.mjs')));
    const fn = (name, handler, path) =>
      `  ${name}:\n    handler: index.${handler}\n    events:\n      - http: { path: ${path}, method: get }\n`;
    writeFileSync(
      join(folder, 'serverless.yml'),
      `service: gatehouse-bench\nframeworkVersion: '3'\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  stage: bench\n  region: us-east-1\n  apiGateway:\n    binaryMediaTypes: ['image/png', 'application/octet-stream']\nplugins: [serverless-offline]\nfunctions:\n${fn('hello', 'hello', 'hello')}${fn('png', 'png1k', 'png')}${fn('big', 'binary1m', 'big')}`,
    );
    const port = await freePort();
    const lambdaPort = await freePort();
    const child = spawn(
      process.execPath,
      [
        join(folder, 'node_modules', 'serverless', 'bin', 'serverless.js'),
        'offline',
        'start',
        '--httpPort',
        String(port),
        '--lambdaPort',
        String(lambdaPort),
      ],
      { cwd: folder, env, stdio: 'ignore' },
    );
    children.push(child);
    const base = `http://127.0.0.1:${port}`;
    const launched = performance.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serverless offline exited (${child.exitCode})`);
      if (performance.now() - launched > 60_000) throw new Error('serverless offline did not answer within 60 s');
      try {
        const res = await get(`${base}/bench/hello`);
        if (res.status === 200) break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return { child, base, startMs: performance.now() - launched };
  } catch (error) {
    console.log(`serverless-offline skipped: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------- ceilings

/**
 * What a Lambda proxy integration cannot avoid and the floor never does: the function's runtime serialises the
 * handler's result to JSON (the RIC's `JSON.stringify`, shared/aws/lambda.md §5.2) and API Gateway parses that
 * JSON (shared/aws/api-gateway.md §4). Timed here, in this process, on each payload's real result (median of several rounds).
 * @returns {Promise<Map<string, number>>} payload name → ms per request
 */
async function resultRoundTripMs() {
  const times = new Map();
  for (const { name, handler } of payloads) {
    const result = await handler();
    const text = JSON.stringify(result);
    const iterations = Math.max(20, Math.floor(2_000_000 / text.length));
    const rounds = [];
    for (let round = 0; round < 7; round++) {
      const start = performance.now();
      for (let i = 0; i < iterations; i++) JSON.parse(JSON.stringify(result));
      rounds.push((performance.now() - start) / iterations);
    }
    times.set(name, median(rounds));
  }
  return times;
}

/**
 * The best ratio gatehouse could reach at concurrency 8 if all its own work but the round trip were free and every
 * core were busy: it does the floor's work per request (1 / floor req/s of one thread: decoding and writing the
 * body) plus the round trip, spread over all cores, where the floor runs on one thread.
 * ratio ≤ cores / (1 + round trip × floor req/s).
 */
const ratioCeiling = (roundTripMs, floorRps, cores) => cores / (1 + (roundTripMs / 1000) * floorRps);

function ceilingRows(results, roundTrips, cores, peer) {
  const rows = [['payload', 'result JSON round trip', 'floor req/s (conc. 8)', 'ceiling × floor', 'target', 'reachable']];
  for (const payload of payloads) {
    const floorRps = median(results.get(`${payload.name}|8|floor`).rps);
    const roundTrip = roundTrips.get(payload.name) ?? Number.NaN;
    const ceiling = ratioCeiling(roundTrip, floorRps, cores);
    rows.push([
      payload.name,
      `${fmt(roundTrip)} ms`,
      fmt(floorRps, 0),
      fmt(ceiling, 2),
      `≥ ${payload.target}`,
      ceiling >= payload.target ? 'yes' : 'no',
    ]);
  }
  if (peer) {
    // 20 × the peer above the floor itself cannot be met by any server that calls the handler at all.
    for (const payload of payloads) {
      const peerRps = median(results.get(`${payload.name}|8|serverless-offline`)?.rps ?? []);
      const floorRps = median(results.get(`${payload.name}|8|floor`).rps);
      rows.push([
        payload.name,
        `20 × serverless-offline = ${fmt(20 * peerRps, 0)} req/s`,
        fmt(floorRps, 0),
        fmt((20 * peerRps) / floorRps, 2),
        '≥ 20 × peer',
        20 * peerRps <= floorRps ? 'yes' : 'no (above the floor)',
      ]);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------- report

const fmt = (value, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const pass = (ok) => (ok ? 'PASS' : 'MISS');

function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows.slice(1)) console.log(line(row));
}

function throughputRows(results, targetNames) {
  const rows = [['payload', 'conc.', 'server', 'req/s', '× floor', 'p50 ms', 'p99 ms', 'p50 − floor', 'target', '']];
  for (const connections of [8, 1]) {
    for (const payload of payloads) {
      const floor = results.get(`${payload.name}|${connections}|floor`);
      const floorRps = median(floor.rps);
      const floorP50 = median(floor.p50);
      for (const name of targetNames) {
        const cell = results.get(`${payload.name}|${connections}|${name}`);
        if (!cell) continue;
        const rps = median(cell.rps);
        const p50 = median(cell.p50);
        const ratio = rps / floorRps;
        let target = '';
        let verdict = '';
        if (name.startsWith('gatehouse') && connections === 8) {
          target = `≥ ${payload.target} × floor`;
          verdict = pass(ratio >= payload.target);
        } else if (name.startsWith('gatehouse') && connections === 1) {
          target = '≤ floor + 0.1 ms';
          verdict = pass(p50 - floorP50 <= 0.1);
        } else if (name === 'serverless-offline') {
          const gh = median(results.get(`${payload.name}|${connections}|gatehouse REST`)?.rps ?? []);
          target = 'gatehouse REST ≥ 20 × this';
          verdict = `${pass(gh / rps >= 20)} (×${fmt(gh / rps, 1)})`;
        }
        rows.push([
          payload.name,
          connections,
          name,
          fmt(rps, 0),
          fmt(ratio, 2),
          fmt(p50),
          fmt(median(cell.p99)),
          name === 'floor' ? '' : `${p50 - floorP50 >= 0 ? '+' : ''}${fmt(p50 - floorP50)}`,
          target,
          cell.failed > 0 ? `${verdict} (${cell.failed} failed)` : verdict,
        ]);
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------- main

try {
  writeFileSync(join(scratch, 'template.yaml'), benchTemplate());
  const floor = await startServer(process.execPath, [join(benchDir, 'gateway', 'serve-floor.mjs')]);
  const gatehouse = await startServer(process.execPath, [
    join(benchDir, 'gateway', 'serve-gatehouse.mjs'),
    join(scratch, 'template.yaml'),
  ]);
  const targets = [
    { name: 'floor', base: floor.url, prefix: '' },
    { name: 'gatehouse REST', base: gatehouse.url, prefix: '/bench' },
    { name: 'gatehouse HTTP API', base: gatehouse.url, prefix: '' },
  ];
  for (const target of targets) await checkAnswers(target.name, target.base, target.prefix);
  const peer = PEERS ? await startServerlessOffline() : undefined;
  if (peer) {
    await checkAnswers('serverless-offline', peer.base, '/bench');
    targets.push({ name: 'serverless-offline', base: peer.base, prefix: '/bench' });
  }
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const results = await throughput(targets);
  const loadSeconds = (performance.now() - started) / 1000;
  const idleRss = footprintMb(gatehouse.pid);
  await Promise.all([stop(floor.child), stop(gatehouse.child), ...(peer ? [stop(peer.child)] : [])]);
  const boot = await startup();
  const roundTrips = await resultRoundTripMs();

  const cpu = cpus();
  console.log(
    `gatehouse over HTTP: ${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, node ${process.version}`,
  );
  console.log(
    `${await askLoader('loader')} from a separate process, keep-alive, every route warmed up for ${WARM_UP_MS / 1000} s, then ${REPS} runs of ${DURATION_MS / 1000} s per cell (median shown), ${loadSeconds.toFixed(0)} s of load; load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after\n`,
  );
  printTable(
    throughputRows(
      results,
      targets.map((t) => t.name),
    ),
  );
  console.log(
    `\nCeilings at concurrency 8 (${cpu.length} cores): the Lambda result's JSON round trip (the runtime's stringify, the gateway's parse) is work the floor never does; with all else free: cores ÷ (1 + round trip × floor req/s)`,
  );
  printTable(ceilingRows(results, roundTrips, cpu.length, peer));
  console.log('');
  printTable([
    ['metric', 'value', 'target', ''],
    [
      '100-function template: launch to first answer',
      `${fmt(boot.firstAnswerMs, 0)} ms`,
      '≤ 500 ms',
      pass(boot.firstAnswerMs <= 500),
    ],
    ['cold start through the gateway (median of 5)', `${fmt(boot.coldMs, 1)} ms`, '', ''],
    ['warm request, same functions (median of 50)', `${fmt(boot.warmMs, 2)} ms`, '', ''],
    [
      'gatehouse RSS idle, 100-function template (no function run yet)',
      `${fmt(boot.idleMb, 1)} MB`,
      '≤ 100 MB',
      pass(boot.idleMb <= 100),
    ],
    [
      '  same, after 6 functions ran, with their environments and a spare (threads or processes)',
      `${fmt(boot.rssMb, 1)} MB`,
      '',
      '',
    ],
    ['gatehouse RSS after the load above (3 functions), with its environments', `${fmt(idleRss, 1)} MB`, '', ''],
    ...(peer ? [['serverless-offline: launch to first answer (3 functions)', `${fmt(peer.startMs, 0)} ms`, '', '']] : []),
  ]);
} finally {
  cleanUp();
}
