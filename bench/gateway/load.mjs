// The load generator, in its own process: receives runs over IPC, answers with req/s and latency percentiles.
// Latencies are taken from every response (autocannon's histogram keeps whole milliseconds only).
import autocannon from 'autocannon';

/** @param {number[]} sorted @param {number} q */
function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** @param {{ url: string; connections: number; durationMs: number; headers: Record<string, string> }} run */
function load(run) {
  return new Promise((resolve, reject) => {
    const times = [];
    let non2xx = 0;
    let bytes = 0;
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
          bytesPerResponse: times.length > 0 ? bytes / times.length : 0,
        });
      },
    );
    instance.on('response', (_client, status, resBytes, responseTime) => {
      if (status >= 200 && status < 300) {
        times.push(responseTime);
        bytes += resBytes;
      } else non2xx++;
    });
  });
}

process.on('message', async (run) => {
  try {
    process.send?.({ ok: true, result: await load(run) });
  } catch (error) {
    process.send?.({ ok: false, error: String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
