// The load generator, in its own process: receives runs over IPC, answers with req/s and latency percentiles.
// wrk (Debian's `wrk` package) when it is installed: written in C, it takes a small share of the two CPUs the
// servers also need, and reports latency in microseconds. Otherwise autocannon, whose latencies are taken from
// every response here (its histogram keeps whole milliseconds only). BENCH_LOADER=autocannon forces autocannon.
import { execFile, execFileSync } from 'node:child_process';
import autocannon from 'autocannon';

/** @returns {'wrk' | 'autocannon'} */
function pickLoader() {
  if (process.env.BENCH_LOADER === 'autocannon') return 'autocannon';
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return 'wrk';
  } catch (error) {
    // wrk prints its usage and exits 1 on --version: it is there.
    if (error && typeof error === 'object' && 'status' in error && error.status === 1) return 'wrk';
    return 'autocannon';
  }
}

const loader = pickLoader();

/** @param {number[]} sorted @param {number} q */
function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** @typedef {{ url: string; connections: number; durationMs: number; headers: Record<string, string> }} Run */

/** @param {Run} run */
function loadWithAutocannon(run) {
  return new Promise((resolve, reject) => {
    const times = [];
    let non2xx = 0;
    const instance = autocannon(
      {
        url: run.url,
        connections: run.connections,
        pipelining: 1,
        duration: run.durationMs / 1000,
        headers: run.headers,
        timeout: 30,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        times.sort((a, b) => a - b);
        resolve({
          requests: times.length + non2xx,
          rps: (times.length + non2xx) / (run.durationMs / 1000),
          p50: quantile(times, 0.5),
          p99: quantile(times, 0.99),
          non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, status, _resBytes, responseTime) => {
      if (status >= 200 && status < 300) times.push(responseTime);
      else non2xx++;
    });
  });
}

/** wrk's durations (`460.00us`, `1.20ms`, `2.00s`) in milliseconds. @param {string} text */
function milliseconds(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000;
}

/** @param {Run} run */
function loadWithWrk(run) {
  // wrk counts whole seconds.
  const seconds = Math.max(1, Math.round(run.durationMs / 1000));
  const args = ['-t1', `-c${run.connections}`, `-d${seconds}s`, '--latency', '--timeout', '30s'];
  for (const [name, value] of Object.entries(run.headers)) args.push('-H', `${name}: ${value}`);
  args.push(run.url);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: (seconds + 35) * 1000 }, (error, stdout) => {
      if (error) {
        reject(error);
        return;
      }
      const field = (pattern) => pattern.exec(stdout)?.[1];
      const requests = Number(field(/^\s*(\d+) requests in /m));
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      resolve({
        requests,
        rps: Number(field(/^Requests\/sec:\s+([\d.]+)/m)),
        p50: milliseconds(field(/^\s+50%\s+(\S+)/m) ?? ''),
        p99: milliseconds(field(/^\s+99%\s+(\S+)/m) ?? ''),
        non2xx: Number(field(/Non-2xx or 3xx responses: (\d+)/) ?? 0),
        errors: socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
      });
    });
  });
}

process.on('message', async (message) => {
  if (message === 'loader') {
    process.send?.({ ok: true, result: loader });
    return;
  }
  try {
    const result = await (loader === 'wrk' ? loadWithWrk(message) : loadWithAutocannon(message));
    process.send?.({ ok: true, result });
  } catch (error) {
    process.send?.({ ok: false, error: String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
