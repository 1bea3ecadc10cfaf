import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../src/runtime/index.js';
import { event, fixtureFunction, logCollector } from './function-fixture.js';

// lambda.md §7.7 (documented, monitoring-cloudwatchlogs.html): invoke output sits between START and END,
// followed by REPORT; §1.3: output written before the next /next belongs to the invocation.
describe('function output and the END/REPORT lines', () => {
  const logs = logCollector();
  const runtime = createProcessRuntime({ logSink: logs.sink });
  afterAll(() => runtime.dispose());

  it('delivers every line of an invocation before its END line, for results and errors alike', async () => {
    const fn = fixtureFunction('node-log-order');
    for (let n = 0; n < 60; n++) {
      const result = await runtime.invoke(fn, event({ n, fail: n % 2 === 1 }));
      const id = result.kind === 'service-error' ? '' : result.report.requestId;
      const mine = logs.lines.filter((l) => l.requestId === id).map((l) => l.text);
      const end = mine.findIndex((t) => t.startsWith('END RequestId:'));
      expect(end, `invoke ${n}`).toBeGreaterThan(0);
      expect(
        mine.slice(0, end).some((t) => t.includes(`\tINFO\tline for ${n}`)),
        `invoke ${n}`,
      ).toBe(true);
      expect(
        mine.slice(0, end).some((t) => t.includes(`\tERROR\terror line for ${n}`)),
        `invoke ${n}`,
      ).toBe(true);
      expect(mine.at(-1)).toMatch(/^REPORT RequestId:/);
    }
  });
});
