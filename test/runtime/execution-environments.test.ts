import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../src/runtime/index.js';
import type { InvokeResult } from '../../src/runtime/runtime.js';
import { event, fixtureFunction, logCollector, payloadJson } from './function-fixture.js';

const logs = logCollector();
const runtime = createProcessRuntime({ logSink: logs.sink });
afterAll(() => runtime.dispose());

const basic = (handler: string, extra: Parameters<typeof fixtureFunction>[1] = {}) =>
  fixtureFunction('node-basic', { handler: `index.${handler}`, ...extra });

function reportOf(result: InvokeResult) {
  if (result.kind === 'service-error') throw new Error(`service error ${result.errorType}`);
  return result.report;
}

describe('execution environments', () => {
  // lambda.md §1.5: one request at a time per environment, warm reuse keeps module state.
  it('reuses a warm environment: module state survives and only the first invoke is cold', async () => {
    // Prepare
    const fn = basic('counter', { logicalId: 'WarmReuse' });
    // Act
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await runtime.invoke(fn, event({})));
    // Assess
    expect(results.map((r) => (payloadJson(r) as { counter: number }).counter)).toEqual([1, 2, 3]);
    expect(results.map((r) => reportOf(r).coldStart)).toEqual([true, false, false]);
    expect(new Set(results.map((r) => reportOf(r).environmentId)).size).toBe(1);
  });

  // lambda.md §1.5: concurrent invocations get separate environments, each with its own cold start.
  it('starts a second environment for a concurrent invoke', async () => {
    // Prepare
    const fn = basic('sleep', { logicalId: 'Concurrent' });
    // Act
    const [a, b] = await Promise.all([
      runtime.invoke(fn, event({ ms: 200, marker: 'concurrent-a' })),
      runtime.invoke(fn, event({ ms: 200, marker: 'concurrent-b' })),
    ]);
    // Assess
    if (a === undefined || b === undefined) throw new Error('missing result');
    expect(reportOf(a).environmentId).not.toBe(reportOf(b).environmentId);
    expect([reportOf(a).coldStart, reportOf(b).coldStart]).toEqual([true, true]);
  });

  // Recorded: LS test_lambda_concurrency_block → 429 TooManyRequestsException "Rate Exceeded." (lambda.md §1.10).
  it('throttles every invoke when ReservedConcurrentExecutions is 0', async () => {
    // Act
    const result = await runtime.invoke(basic('echo', { reservedConcurrency: 0 }), event({}));
    // Assess
    expect(result).toEqual({
      kind: 'service-error',
      status: 429,
      errorType: 'TooManyRequestsException',
      message: 'Rate Exceeded.',
      reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
  });

  it('throttles beyond the reserved concurrency and the overall limit', async () => {
    // Prepare
    const limited = createProcessRuntime({ maxEnvironments: 1 });
    const fn = basic('sleep', { logicalId: 'Limited' });
    // Act
    const slow = limited.invoke(fn, event({ ms: 300, marker: 'limited' }));
    const throttled = await limited.invoke(basic('echo'), event({}));
    await slow;
    await limited.dispose();
    // Assess
    expect(throttled).toMatchObject({ kind: 'service-error', status: 429, reason: 'ConcurrentInvocationLimitExceeded' });
  });

  // Recorded: LS test_lambda_invoke_with_timeout (Sandbox.Timedout, `Task timed out after 1.00 seconds`) and
  // test_lambda_invoke_timed_out_environment_reuse (module state re-initialised, /tmp kept) (lambda.md §1.6, §2.5).
  it('kills a timed-out invoke, replaces the environment and re-initialises module state', async () => {
    // Prepare
    const fn = basic('sleep', { logicalId: 'Timeout', timeoutSeconds: 1 });
    const marker = `timeout-${process.pid}`;
    const warm = await runtime.invoke(fn, event({ ms: 1, marker }));
    // Act
    const timedOut = await runtime.invoke(fn, event({ ms: 5000, marker }));
    const after = await runtime.invoke(fn, event({ ms: 1, marker }));
    // Assess
    expect(timedOut.kind).toBe('function-error');
    if (timedOut.kind !== 'function-error') return;
    expect(payloadJson(timedOut)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${timedOut.report.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(timedOut.report.durationMs).toBeGreaterThanOrEqual(990);
    expect(timedOut.report.durationMs).toBeLessThan(1500);
    expect((payloadJson(warm) as { counter: number }).counter).toBe(1);
    expect((payloadJson(after) as { counter: number }).counter).toBe(1);
    expect(reportOf(after).coldStart).toBe(true);
    expect(reportOf(after).environmentId).not.toBe(reportOf(warm).environmentId);
    expect(existsSync(join(tmpdir(), `gatehouse-sleep-${marker}`))).toBe(true);
    expect(readFileSync(join(tmpdir(), `gatehouse-sleep-${marker}`), 'utf8')).toBe('written before the timeout');
  });

  // Recorded: LS test_lambda_runtime_exit / test_lambda_handler_exit, aws-lambda-cpp #30 (lambda.md §2.5, §5.12).
  it.each([
    [{ code: 0 }, 'Runtime exited without providing a reason'],
    [{ code: 3 }, 'Runtime exited with error: exit status 3'],
    [{ signal: 'SIGSEGV' }, 'Runtime exited with error: signal: segmentation fault (core dumped)'],
  ])('reports process exit %o as Runtime.ExitError', async (input, text) => {
    // Prepare
    const fn = basic('code' in input ? 'exit' : 'kill', { logicalId: `Exit${JSON.stringify(input)}` });
    // Act
    const result = await runtime.invoke(fn, event(input));
    // Assess
    if (result.kind !== 'function-error') throw new Error(`unexpected ${result.kind}`);
    expect(result.reason).toBe('runtime-exit');
    expect(payloadJson(result)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${result.report.requestId} Error: ${text}`,
    });
  });

  // RIC src/index.mjs + Runtime.js: post the error, then exit 128 / 129; the next invoke re-inits (lambda.md §1.7, §5.12).
  it('reports an unhandled rejection, then starts a fresh environment', async () => {
    // Prepare
    const fn = basic('unhandledRejection', { logicalId: 'Unhandled' });
    // Act
    const first = await runtime.invoke(fn, event({}));
    const second = await runtime.invoke(fn, event({}));
    // Assess
    const doc = payloadJson(first) as { errorType: string; errorMessage: string; trace: string[] };
    expect(doc.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(doc.errorMessage).toBe('Error: nobody catches me');
    expect(doc.trace[0]).toBe('Runtime.UnhandledPromiseRejection: Error: nobody catches me');
    expect(reportOf(second).coldStart).toBe(true);
    expect(reportOf(second).environmentId).not.toBe(reportOf(first).environmentId);
  });

  it('reports an uncaught exception from a timer with the error’s own document', async () => {
    // Act
    const result = await runtime.invoke(basic('uncaughtException'), event({}));
    // Assess
    expect(payloadJson(result)).toMatchObject({ errorType: 'TypeError', errorMessage: 'thrown from a timer' });
  });

  // Recorded: LS test_lambda_too_large_response / test_lambda_large_response (lambda.md §2.2, §2.5): a
  // 6 MiB string plus quotes passes, more fails with Function.ResponseSizeTooLarge, the environment stays usable.
  it('fails a response over 6,291,556 bytes and keeps the environment', async () => {
    // Prepare
    const fn = basic('big', { logicalId: 'Big' });
    // Act
    const fits = await runtime.invoke(fn, event({ chars: 6 * 1024 * 1024 }));
    const tooLarge = await runtime.invoke(fn, event({ chars: 6 * 1024 * 1024 + 100 }));
    const again = await runtime.invoke(fn, event({ chars: 3 }));
    // Assess
    expect(fits.kind === 'success' && fits.payload.length).toBe(6_291_458);
    if (tooLarge.kind !== 'function-error') throw new Error(`unexpected ${tooLarge.kind}`);
    expect(tooLarge.payload.toString()).toBe(
      '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}',
    );
    expect(payloadJson(again)).toBe('xxx');
    expect(reportOf(again).environmentId).toBe(reportOf(tooLarge).environmentId);
  });

  // The limit counts the UTF-8 bytes of the result (RIE interop/model.go MaxPayloadSize, handler/invocationresponse.go:
  // 6,291,556 bytes, lambda.md §2.2); a thread environment posts its result as text,
  // in which 'é' is 1 character and 2 bytes. `"` + 3,145,777 × 'é' + `"` is exactly 6,291,556 bytes.
  it('counts a multi-byte result in UTF-8 bytes, exactly at the limit and one character over', async () => {
    // Prepare
    const fn = basic('big', { logicalId: 'BigMultiByte' });
    // Act
    const fits = await runtime.invoke(fn, event({ unit: 'é', chars: 3_145_777 }));
    const tooLarge = await runtime.invoke(fn, event({ unit: 'é', chars: 3_145_778 }));
    // Assess
    if (fits.kind !== 'success') throw new Error(`unexpected ${fits.kind}`);
    expect(fits.payload.length).toBe(6_291_556);
    expect(fits.payload.equals(Buffer.from(JSON.stringify('é'.repeat(3_145_777))))).toBe(true);
    expect(tooLarge.kind === 'function-error' && tooLarge.reason).toBe('response-too-large');
  });

  // Recorded: adobe/helix-html2md-service #1001 → Runtime.OutOfMemory, `signal: killed` (lambda.md §2.5, §5.12).
  it('kills an environment above MemorySize with Runtime.OutOfMemory', async () => {
    // Act
    const result = await runtime.invoke(basic('allocate', { memorySizeMb: 128 }), event({ mb: 512 }));
    // Assess
    if (result.kind !== 'function-error') throw new Error(`unexpected ${result.kind}`);
    expect(result.reason).toBe('out-of-memory');
    expect(payloadJson(result)).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${result.report.requestId} Error: Runtime exited with error: signal: killed`,
    });
  });

  it('keeps serving while a handler floods stdout', async () => {
    // Prepare
    let floodLines = 0;
    const flooded = createProcessRuntime({ logSink: (line) => (floodLines += line.kind === 'function' ? 1 : 0) });
    // Act
    const [flood, other] = await Promise.all([
      flooded.invoke(basic('flood', { logicalId: 'Flood' }), event({ mb: 64 })),
      flooded.invoke(basic('echo', { logicalId: 'FloodNeighbour' }), event('neighbour')),
    ]);
    await expect.poll(() => floodLines, { timeout: 10_000 }).toBeGreaterThanOrEqual(64 * 1024);
    await flooded.dispose();
    // Assess
    if (flood === undefined || other === undefined) throw new Error('missing result');
    expect(payloadJson(flood)).toBe('flooded');
    expect(payloadJson(other)).toBe('neighbour');
  });

  // Hot reload: new requests go to fresh environments (issue: "Hot reload").
  it('sends invokes to a fresh environment after recycle()', async () => {
    // Prepare
    const fn = basic('counter', { logicalId: 'Recycled' });
    const before = await runtime.invoke(fn, event({}));
    // Act
    await runtime.recycle(['Recycled']);
    const after = await runtime.invoke(fn, event({}));
    // Assess
    expect(reportOf(after).coldStart).toBe(true);
    expect(reportOf(after).environmentId).not.toBe(reportOf(before).environmentId);
  });
});
