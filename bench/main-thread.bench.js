// The gateway's own CPU per request, without HTTP sockets: requests go through `inject` (the whole pipeline,
// the runtime's bookkeeping and the handler's execution environment, a worker thread by default), and the gateway
// thread's CPU time is read from /proc before and after. This is the cost that decides throughput on a small
// machine: the gateway thread serves every request, the environments run beside it.
//
// `npm run bench:main-thread` (about 40 s). Env: BENCH_REQUESTS (default 10000 per round), BENCH_ROUNDS (3),
// BENCH_CONCURRENCY (8), GATEHOUSE_ISOLATION (thread | process).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../dist/index.js';
import { benchTemplate } from './gateway/bench-template.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** CPU time (user + system) of this process's main thread, in microseconds; Linux only (clock ticks). */
function mainThreadCpuUs() {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted from the state field (3): indexes 11 and 12 here.
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-main-thread-'));
const templateFile = join(scratch, 'template.yaml');
writeFileSync(templateFile, benchTemplate());
const gateway = await startGateway({ template: templateFile, port: 0 });
try {
  const routes = [
    { name: 'REST JSON hello', path: '/bench/hello', accept: '*/*' },
    { name: 'HTTP API JSON hello', path: '/hello', accept: '*/*' },
    { name: 'REST 1 KiB PNG', path: '/bench/png', accept: 'image/png' },
    { name: 'HTTP API 1 KiB PNG', path: '/png', accept: 'image/png' },
  ];
  console.log(`gateway thread per request, ${CONCURRENCY} at a time, median of ${ROUNDS} rounds of ${REQUESTS}`);
  console.log('route                  wall µs/req   gateway-thread CPU µs/req');
  for (const route of routes) {
    const headers = { host: 'localhost', 'user-agent': 'bench', accept: route.accept };
    const one = async () => {
      const res = await gateway.inject({ method: 'GET', path: route.path, headers });
      if (res.status !== 200) throw new Error(`${route.path} answered ${res.status}`);
    };
    const round = async (n) => {
      let left = n;
      const started = performance.now();
      const cpuBefore = mainThreadCpuUs();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (left-- > 0) await one();
        }),
      );
      return { wall: ((performance.now() - started) * 1000) / n, cpu: (mainThreadCpuUs() - cpuBefore) / n };
    };
    // Warm-up: every environment's isolate and the gateway's own code reach their optimised tiers.
    for (let i = 0; i < 2; i++) await round(REQUESTS);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(REQUESTS));
    const wall = median(rounds.map((r) => r.wall));
    const cpu = median(rounds.map((r) => r.cpu));
    console.log(`${route.name.padEnd(22)} ${wall.toFixed(1).padStart(11)}   ${cpu.toFixed(1).padStart(10)}`);
  }
} finally {
  await gateway.close();
  rmSync(scratch, { recursive: true, force: true });
}
