import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../src/model/function-spec.js';
import { createProcessRuntime } from '../../src/runtime/index.js';
import type { FunctionLogLine, InvokeResult } from '../../src/runtime/runtime.js';
import { event, fixtureFunction, payloadJson } from './function-fixture.js';

// docs/decisions/0004-thread-environments.md: a Node function in a worker thread must see what it sees in a
// process of its own (lambda.md §1.5, §8: cwd /var/task, its own variables, the main thread), and end the same
// way when it breaks (§2.5). Each case runs the same handler under both isolations and compares.

const observable = (handler: string, extra: Partial<FunctionSpec> = {}) =>
  fixtureFunction('thread-observable', {
    handler: `index.${handler}`,
    codeUri: new URL('./functions/thread-observable', import.meta.url).pathname,
    ...extra,
  });

function runtimes() {
  const logs: FunctionLogLine[] = [];
  const thread = createProcessRuntime({ isolation: 'thread', logSink: (line) => logs.push(line) });
  const proc = createProcessRuntime({ isolation: 'process', spareEnvironments: 0, logSink: (line) => logs.push(line) });
  return { thread, proc, logs };
}

/** The error document without its request id, which differs between any two invokes. */
function errorOf(result: InvokeResult): unknown {
  if (result.kind !== 'function-error') throw new Error(`expected a function error, got ${result.kind}`);
  const doc = payloadJson(result) as { errorMessage?: string };
  return {
    reason: result.reason,
    errorType: result.errorType,
    document: { ...doc, errorMessage: doc.errorMessage?.replace(result.report.requestId, '<id>') },
  };
}

describe('Node environments in worker threads', () => {
  const { thread, proc, logs } = runtimes();
  process.env.GATEHOUSE_TEST_HOST_ONLY = 'the gateway process has this';
  afterAll(async () => {
    delete process.env.GATEHOUSE_TEST_HOST_ONLY;
    await Promise.all([thread.dispose(), proc.dispose()]);
  });

  it('runs in this process only under thread isolation', async () => {
    const [inThread, inProcess] = await Promise.all([
      thread.invoke(observable('observe'), event({})),
      proc.invoke(observable('observe'), event({})),
    ]);
    expect((payloadJson(inThread) as { pid: number }).pid).toBe(process.pid);
    expect((payloadJson(inProcess) as { pid: number }).pid).not.toBe(process.pid);
    // A thread's Max Memory Used is its isolate's heap and external memory, known from the first invoke on.
    if (inThread.kind !== 'success') throw new Error(inThread.kind);
    expect(inThread.report.maxMemoryUsedMb).toBeGreaterThan(0);
  });

  it('shows the function the same cwd, relative paths, main thread and variables as a process does', async () => {
    const fn = observable('observe', { environment: { MARKER: 'from the template' } });
    const [inThread, inProcess] = await Promise.all([thread.invoke(fn, event({})), proc.invoke(fn, event({}))]);
    const { pid: _t, ...threadView } = payloadJson(inThread) as Record<string, unknown>;
    const { pid: _p, ...processView } = payloadJson(inProcess) as Record<string, unknown>;
    expect(threadView).toEqual(processView);
    expect(threadView).toMatchObject({
      cwd: fn.codeUri,
      relativeRead: 'task root file\n',
      relativePromise: 'task root file\n',
      relativeExists: true,
      childCwd: fn.codeUri,
      isMainThread: true,
      workerData: null,
      parentPortIsNull: true,
      threadId: 0,
      marker: 'from the template',
      hostOnly: null,
      timezoneOffset: 0,
    });
  });

  it("keeps one function's process.env away from another's", async () => {
    await thread.invoke(observable('setEnv', { logicalId: 'Setter' }), event({}));
    const other = await thread.invoke(observable('observe', { logicalId: 'Reader' }), event({}));
    expect((payloadJson(other) as { leaked: unknown }).leaked).toBeNull();
    expect(process.env.LEAK).toBeUndefined();
  });

  it('moves the working directory with process.chdir, for this environment only', async () => {
    const result = await thread.invoke(observable('chdir', { logicalId: 'Chdir' }), event({}));
    const fn = observable('chdir');
    expect(payloadJson(result)).toEqual({ cwd: `${fn.codeUri}/sub`, read: 'inner file\n' });
    expect(process.cwd()).not.toBe(`${fn.codeUri}/sub`);
  });

  it.each([
    ['SIGSEGV', { signal: 'SIGSEGV' }],
    ['SIGKILL', { signal: 'SIGKILL' }],
    ['SIGTERM', { signal: 'SIGTERM' }],
  ])('ends the environment, not the gateway, when the function sends its own process %s', async (_name, input) => {
    const [inThread, inProcess] = await Promise.all([
      thread.invoke(observable('kill', { logicalId: `Kill${input.signal}` }), event(input)),
      proc.invoke(observable('kill', { logicalId: `Kill${input.signal}` }), event(input)),
    ]);
    expect(errorOf(inThread)).toEqual(errorOf(inProcess));
    expect(errorOf(inThread)).toMatchObject({ errorType: 'Runtime.ExitError', reason: 'runtime-exit' });
  });

  it('ends the environment on process.abort() as a process ends', async () => {
    const [inThread, inProcess] = await Promise.all([
      thread.invoke(observable('abort', { logicalId: 'Abort' }), event({})),
      proc.invoke(observable('abort', { logicalId: 'Abort' }), event({})),
    ]);
    expect(errorOf(inThread)).toEqual(errorOf(inProcess));
  });

  it('reports process.exit(n) as exit status n', async () => {
    const [inThread, inProcess] = await Promise.all([
      thread.invoke(observable('exit', { logicalId: 'Exit' }), event({ code: 3 })),
      proc.invoke(observable('exit', { logicalId: 'Exit' }), event({ code: 3 })),
    ]);
    expect(errorOf(inThread)).toEqual(errorOf(inProcess));
    expect(errorOf(inThread)).toMatchObject({
      document: { errorMessage: 'RequestId: <id> Error: Runtime exited with error: exit status 3' },
    });
  });

  it('stops a synchronous endless loop at the timeout and keeps serving other functions meanwhile', async () => {
    const spinning = thread.invoke(observable('spin', { logicalId: 'Spin', timeoutSeconds: 1 }), event({}));
    const meanwhile = await thread.invoke(observable('observe', { logicalId: 'Meanwhile' }), event({}));
    expect((payloadJson(meanwhile) as { isMainThread: boolean }).isMainThread).toBe(true);
    const result = await spinning;
    expect(errorOf(result)).toMatchObject({ reason: 'timeout', document: { errorType: 'Sandbox.Timedout' } });
    // The next invoke gets a fresh environment.
    const again = await thread.invoke(observable('observe', { logicalId: 'Spin', timeoutSeconds: 1 }), event({}));
    expect(again.kind).toBe('success');
  });

  it('ends a heap that outgrows MemorySize with Runtime.OutOfMemory', async () => {
    const result = await thread.invoke(
      observable('heap', { logicalId: 'Heap', memorySizeMb: 128, timeoutSeconds: 20 }),
      event({}),
    );
    expect(errorOf(result)).toMatchObject({
      reason: 'out-of-memory',
      errorType: 'Runtime.OutOfMemory',
      document: { errorMessage: 'RequestId: <id> Error: Runtime exited with error: signal: killed' },
    });
  });

  it('logs what the function writes to fd 1 and 2 directly, inside its invocation', async () => {
    const result = await thread.invoke(observable('fdWrite', { logicalId: 'FdWrite' }), event({}));
    if (result.kind === 'service-error') throw new Error('service error');
    const mine = logs.filter((line) => line.requestId === result.report.requestId).map((line) => line.text);
    const end = mine.findIndex((text) => text.startsWith('END RequestId:'));
    expect(mine.slice(0, end)).toEqual(
      expect.arrayContaining(['written to fd 1', 'written to fd 2', 'written async to fd 1', 'via process.stdout']),
    );
  });

  it('makes a spare thread the same environment a fresh thread would have been', async () => {
    const events: string[] = [];
    const spared = createProcessRuntime({ isolation: 'thread', spareEnvironments: 1, onSpareEvent: (e) => events.push(e.kind) });
    const fresh = createProcessRuntime({ isolation: 'thread', spareEnvironments: 0 });
    try {
      const fn = observable('observe', { logicalId: 'Spared', environment: { MARKER: 'spare' } });
      await spared.invoke(observable('observe', { logicalId: 'First' }), event({}));
      await expect.poll(() => events.includes('ready'), { timeout: 10_000 }).toBe(true);
      const [fromSpare, fromFresh] = await Promise.all([spared.invoke(fn, event({})), fresh.invoke(fn, event({}))]);
      expect(events).toContain('assigned');
      expect(payloadJson(fromSpare)).toEqual(payloadJson(fromFresh));
    } finally {
      await Promise.all([spared.dispose(), fresh.dispose()]);
    }
  });

  it("says once, in the function's log, that assigning process.env.TZ does not change a thread's zone", async () => {
    const fn = observable('setTimeZone', { logicalId: 'SetsTz' });
    const first = await thread.invoke(fn, event({}));
    const second = await thread.invoke(fn, event({}));
    // The zone stays UTC in a thread (a process would switch to New York: offset 300).
    expect(payloadJson(first)).toBe(0);
    if (first.kind === 'service-error' || second.kind === 'service-error') throw new Error('service error');
    const warnings = logs.filter((line) => line.text.startsWith('gatehouse: this function set process.env.TZ'));
    expect(warnings).toHaveLength(1);
    // Written as the environment asks for its next event: it belongs to the invoke that set TZ.
    expect(warnings[0]?.requestId).toBe(first.report.requestId);
    const inProcess = await proc.invoke(fn, event({}));
    expect(payloadJson(inProcess)).toBe(300);
  });

  it('hands a cold start a spare that is still starting up, and waits for it', async () => {
    const events: string[] = [];
    let second: Promise<InvokeResult> | undefined;
    const runtime = createProcessRuntime({
      isolation: 'thread',
      spareEnvironments: 1,
      onSpareEvent: (e) => {
        events.push(e.kind);
        // The moment the spare exists, before its thread can have answered anything: it is still starting.
        if (e.kind === 'started') second = runtime.invoke(observable('observe', { logicalId: 'TakesIt' }), event({}));
      },
    });
    try {
      await runtime.invoke(observable('observe', { logicalId: 'StartsTheSpare' }), event({}));
      await expect.poll(() => second !== undefined, { timeout: 10_000 }).toBe(true);
      const result = await (second as Promise<InvokeResult>);
      expect(result.kind).toBe('success');
      expect(events.slice(0, 2)).toEqual(['started', 'assigned']);
    } finally {
      await runtime.dispose();
    }
  });

  it('runs a function with a native addon in a process of its own', async () => {
    const withAddon = fixtureFunction('node-native-addon', { handler: 'index.pid' });
    const result = await thread.invoke(withAddon, event({}));
    expect(payloadJson(result)).not.toBe(process.pid);
  });
});
