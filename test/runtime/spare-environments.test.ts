import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../src/model/function-spec.js';
import { createProcessRuntime } from '../../src/runtime/index.js';
import { resolveRuntimeLaunch } from '../../src/runtime/process-pool/runtime-command.js';
import type { SpareEvent } from '../../src/runtime/process-pool/spare-pool.js';
import { spareRecipe } from '../../src/runtime/process-pool/spare-recipe.js';
import type { FunctionLogLine, InvokeResult } from '../../src/runtime/runtime.js';
import { event, fixtureFunction, payloadJson } from './function-fixture.js';

// Spare environments (docs/decisions/0001-execution-environments.md, addendum "spare environments"): a Node
// runtime started ahead must become an environment that nothing can tell apart from a freshly spawned one,
// except for its process id and how long ago its process started.

const introspectionRoot = fileURLToPath(new URL('./functions/process-introspection', import.meta.url));
const introspection = (logicalId: string, overrides: Partial<FunctionSpec> = {}) =>
  fixtureFunction('process-introspection', {
    logicalId,
    functionName: 'introspection',
    handler: 'index.introspect',
    codeUri: introspectionRoot,
    ...overrides,
  });
const basic = (handler: string, extra: Partial<FunctionSpec> = {}) =>
  fixtureFunction('node-basic', { handler: `index.${handler}`, ...extra });

/** A runtime with the spare pool's events recorded. */
function observedRuntime(spareEnvironments: number) {
  const events: SpareEvent[] = [];
  const logs: FunctionLogLine[] = [];
  // Spares are child processes (decision 0001); threads have none (decision 0004).
  const runtime = createProcessRuntime({
    isolation: 'process',
    spareEnvironments,
    onSpareEvent: (e) => events.push(e),
    logSink: (line) => logs.push(line),
  });
  const pids = (kind: SpareEvent['kind']) => events.filter((e) => e.kind === kind).map((e) => e.pid);
  /** Spares started up and not yet assigned or killed. */
  const readyPids = () => pids('ready').filter((pid) => !pids('assigned').includes(pid) && !pids('killed').includes(pid));
  const spareReady = () => waitFor(() => readyPids().length > 0);
  return { runtime, events, logs, pids, readyPids, spareReady };
}

/** The invoke's outcome with its request id taken out, for comparing runs. */
function outcome(result: InvokeResult) {
  if (result.kind === 'service-error') return result;
  const { requestId } = result.report;
  const text = result.payload.toString().replaceAll(requestId, '<id>');
  return {
    kind: result.kind,
    payload: text,
    ...(result.kind === 'function-error' ? { reason: result.reason, errorType: result.errorType } : {}),
    coldStart: result.report.coldStart,
  };
}

function pidOf(result: InvokeResult): number {
  return (payloadJson(result) as { pid: number }).pid;
}

const fresh = observedRuntime(0);
const spared = observedRuntime(1);

beforeAll(async () => {
  // The first cold start picks the key spares are kept for (node, 128 MB flags, no NODE_OPTIONS).
  await spared.runtime.invoke(introspection('Prime'), event({}));
  await spared.spareReady();
});
afterAll(() => Promise.all([fresh.runtime.dispose(), spared.runtime.dispose()]));

/** Invokes on the spared runtime and checks that the cold start took a spare. */
async function invokeOnSpare(fn: FunctionSpec, payload: { payload: Buffer }): Promise<InvokeResult> {
  await spared.spareReady();
  const assignedBefore = spared.pids('assigned').length;
  const result = await spared.runtime.invoke(fn, payload);
  expect(spared.pids('assigned').length).toBe(assignedBefore + 1);
  return result;
}

describe('an environment that started as a spare', () => {
  it('sees the same variables, cwd, TZ, argv, flags and module state as a freshly spawned one', async () => {
    // Act
    const withoutSpare = payloadJson(await fresh.runtime.invoke(introspection('Fresh'), event({}))) as any;
    const onSpare = await invokeOnSpare(introspection('Spared'), event({}));
    const withSpare = payloadJson(onSpare) as any;
    // Assess
    expect(spared.pids('assigned')).toContain(withSpare.pid);
    // Per environment on AWS too: its Runtime API address, log stream and the invoke's trace id.
    const perEnvironment = ['AWS_LAMBDA_RUNTIME_API', 'AWS_LAMBDA_LOG_STREAM_NAME', '_X_AMZN_TRACE_ID'];
    const stable = (env: Record<string, string>) =>
      Object.fromEntries(Object.entries(env).filter(([key]) => !perEnvironment.includes(key)));
    const stableLines = (lines: string[]) => lines.filter((line) => !perEnvironment.some((key) => line.startsWith(`${key}=`)));
    expect(withSpare.envKeys).toEqual(withoutSpare.envKeys); // same names, same order
    expect(stable(withSpare.env)).toEqual(stable(withoutSpare.env));
    expect(stableLines(withSpare.childEnv)).toEqual(stableLines(withoutSpare.childEnv));
    expect(Object.keys(withSpare.env).filter((key) => key.startsWith('_GATEHOUSE'))).toEqual([]);
    expect(withSpare.cwd).toBe(introspectionRoot);
    // lambda.md §8: TZ=:UTC, Node sees offset 0, and so does Intl.
    expect([withSpare.timezoneOffset, withSpare.intlTimeZone]).toEqual([0, 'UTC']);
    for (const key of [
      'cwd',
      'timezoneOffset',
      'intlTimeZone',
      'intlLocale',
      'epochString',
      'argv',
      'argv0',
      'execArgv',
      'title',
      'homedir',
      'globalPaths',
      'loadedAtInit',
      'heapSizeLimit',
    ]) {
      expect({ [key]: withSpare[key] }).toEqual({ [key]: withoutSpare[key] });
    }
    // The same internal modules; their order varies under load between any two processes (the ESM loader
    // reads files asynchronously), so it is compared as a set.
    expect([...withSpare.moduleLoadList].sort()).toEqual([...withoutSpare.moduleLoadList].sort());
  });

  // Recorded: LS test_lambda_invoke_with_timeout, test_lambda_runtime_exit, adobe/helix-html2md-service #1001
  // (lambda.md §2.5, §5.12): each failure as it is without spares.
  it.each([
    ['a timeout', basic('sleep', { timeoutSeconds: 1 }), { ms: 5000, marker: 'spare-timeout' }],
    ['exit status 3', basic('exit'), { code: 3 }],
    ['a segmentation fault', basic('kill'), { signal: 'SIGSEGV' }],
    ['running out of memory', basic('allocate'), { mb: 512 }],
    ['a handler error', basic('throwError'), {}],
  ])('reports %s exactly as a fresh environment does', async (_name, fn, input) => {
    // Act
    const withoutSpare = await fresh.runtime.invoke({ ...fn, logicalId: `${fn.logicalId}Fresh` }, event(input));
    const withSpare = await invokeOnSpare({ ...fn, logicalId: `${fn.logicalId}Spared` }, event(input));
    // Assess
    expect(outcome(withSpare)).toEqual(outcome(withoutSpare));
    expect(withSpare.kind).toBe('function-error');
  });

  // lambda.md §4.7: an error thrown while the module loads is an init error, logged and posted to /init/error.
  it('fails init exactly as a fresh environment does, with the same output', async () => {
    // Prepare
    const fn = fixtureFunction('node-init-throw');
    const functionLines = (logs: FunctionLogLine[]) =>
      logs
        .filter((line) => line.functionName === fn.functionName && line.kind === 'function')
        .map((line) => line.text.replace(/^\S+\t/, '<time>\t'));
    // Act
    const withoutSpare = await fresh.runtime.invoke({ ...fn, logicalId: 'InitFresh' }, event({}));
    const withSpare = await invokeOnSpare({ ...fn, logicalId: 'InitSpared' }, event({}));
    // Assess
    expect(outcome(withSpare)).toEqual(outcome(withoutSpare));
    expect(withSpare).toMatchObject({ kind: 'function-error', reason: 'init', errorType: 'ConfigError' });
    expect(functionLines(spared.logs)).toEqual(functionLines(fresh.logs));
    expect(functionLines(spared.logs).length).toBeGreaterThan(0);
  });

  it('reports Init Duration from its assignment, without the runtime’s own start-up', async () => {
    // Act
    const result = await invokeOnSpare(introspection('InitDuration'), event({}));
    // Assess
    if (result.kind === 'service-error') throw new Error('service error');
    expect(result.report.coldStart).toBe(true);
    expect(result.report.initDurationMs).toBeGreaterThan(0);
  });
});

describe('the spare pool', () => {
  it('refills after each use, so consecutive cold starts each take a spare', async () => {
    // Act
    const first = await invokeOnSpare(introspection('RefillA'), event({}));
    const second = await invokeOnSpare(introspection('RefillB'), event({}));
    // Assess
    expect(pidOf(first)).not.toBe(pidOf(second));
    expect(spared.pids('assigned')).toEqual(expect.arrayContaining([pidOf(first), pidOf(second)]));
    await spared.spareReady();
  });

  it('never hands a spare to a function whose node flags differ (MemorySize)', async () => {
    // Act
    await spared.spareReady();
    const assignedBefore = spared.pids('assigned').length;
    const result = payloadJson(await spared.runtime.invoke(introspection('Bigger', { memorySizeMb: 256 }), event({})));
    // Assess: lambda.md §4.11, new space a tenth of 256 MB, old space the rest.
    expect(spared.pids('assigned').length).toBe(assignedBefore);
    expect((result as { execArgv: string[] }).execArgv).toEqual(['--max-semi-space-size=12', '--max-old-space-size=231']);
  });

  it('keeps custom runtimes and Python on their own path', () => {
    // Prepare
    const inputs = { region: 'us-east-1', envOverrides: undefined, hostEnv: process.env };
    const python = fixtureFunction('python-basic', { runtime: 'python3.12', handler: 'app.handler' });
    const node = fixtureFunction('node-basic');
    // Act
    const pythonLaunch = resolveRuntimeLaunch(python);
    const nodeLaunch = resolveRuntimeLaunch(node);
    // Assess
    if (pythonLaunch.kind !== 'spawn' || nodeLaunch.kind !== 'spawn') throw new Error('expected spawn launches');
    expect(spareRecipe(python, pythonLaunch, inputs)).toBeUndefined();
    expect(spareRecipe(node, nodeLaunch, inputs)?.env).toMatchObject({ TZ: ':UTC', _GATEHOUSE_SPARE: '1' });
  });

  it('starts spares one at a time and kills them on dispose()', async () => {
    // Prepare
    const pool = observedRuntime(2);
    await pool.runtime.invoke(introspection('DisposePrime'), event({}));
    await waitFor(() => pool.readyPids().length === 2);
    const spares = pool.pids('ready');
    // Act
    await pool.runtime.dispose();
    // Assess
    expect(pool.events.map((e) => e.kind)).toEqual(['started', 'ready', 'started', 'ready', 'killed', 'killed']);
    for (const pid of spares) {
      await expect.poll(() => isAlive(pid), { timeout: 5000 }).toBe(false);
    }
  });

  it('starts no spare when spareEnvironments is 0', async () => {
    // Act
    await fresh.runtime.invoke(introspection('NoSpareA'), event({}));
    await fresh.runtime.invoke(introspection('NoSpareB'), event({}));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Assess
    expect(fresh.events).toEqual([]);
  });

  // A NODE_OPTIONS that node refuses makes every start-up fail: spares for it die before assignment.
  it('stops starting spares for a key whose spares die on their own, and reports the same failure', async () => {
    // Prepare
    const pool = observedRuntime(1);
    const fn = introspection('BadOptions', { environment: { NODE_OPTIONS: '--no-such-flag' } });
    try {
      // Act
      const first = await pool.runtime.invoke(fn, event({}));
      await expect.poll(() => pool.pids('died').length, { timeout: 10_000 }).toBe(1);
      const second = await pool.runtime.invoke(fn, event({}));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Assess
      expect(outcome(second)).toEqual(outcome(first));
      expect(first).toMatchObject({ kind: 'function-error', reason: 'runtime-exit' });
      expect(pool.events.map((e) => e.kind)).toEqual(['started', 'died']);
    } finally {
      await pool.runtime.dispose();
    }
  });
});

describe('the Node client taking an assignment', () => {
  // Node resets its time-zone cache when process.env.TZ is assigned; the client relies on it for a spare that
  // was started with another TZ (gatehouse starts spares with TZ=:UTC already, lambda.md §8).
  it('replaces the whole environment and the cwd, and Date and Intl follow the new TZ', () => {
    // Prepare
    const module = new URL('../../runtime-clients/node/spare-assignment.mjs', import.meta.url);
    const script = `
      import { awaitAssignmentIfSpare } from ${JSON.stringify(pathToFileURL(fileURLToPath(module)).href)};
      const before = new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset();
      const client = { awaitAssignment: async () => ({ env: { ONLY: 'this', TZ: ':UTC' }, cwd: ${JSON.stringify(tmpdir())} }) };
      await awaitAssignmentIfSpare(client);
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      console.log(JSON.stringify({ before, after: new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset(), timeZone, env: process.env, cwd: process.cwd() }));
    `;
    // Act
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { TZ: 'America/New_York', _GATEHOUSE_SPARE: '1', LEFTOVER: 'from start-up' },
      encoding: 'utf8',
    });
    // Assess
    expect(JSON.parse(output)).toEqual({
      before: 300,
      after: 0,
      timeZone: 'UTC',
      env: { ONLY: 'this', TZ: ':UTC' },
      cwd: tmpdir(),
    });
  });
});

/** Polls `condition` every 10 ms; fails after 10 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
