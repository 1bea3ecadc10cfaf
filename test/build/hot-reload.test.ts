import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedGateway, startGateway } from '../../src/index.js';
import type { BuildEvent } from '../../src/runtime/build/code-builder.js';
import type { ReloadEvent } from '../../src/runtime/code-watch.js';
import type { FunctionLogLine } from '../../src/runtime/runtime.js';
import { copyProject, eventually, type ProjectCopy } from './project-copy.js';

// Hot reload (issue: "a change under a function's code folder sends new requests to fresh environments;
// requests in flight finish on the old ones; the environments stay warm otherwise"). Not an AWS behaviour
// as such; it mirrors a deploy, after which new invokes run the new code on new environments.
let project: ProjectCopy;
let gw: StartedGateway;
const reloads: ReloadEvent[] = [];
const builds: BuildEvent[] = [];
const logs: FunctionLogLine[] = [];

beforeAll(async () => {
  project = await copyProject('hot-reload');
  gw = await startGateway({
    template: project.template,
    watch: true,
    onReload: (e) => reloads.push(e),
    onBuild: (e) => builds.push(e),
    onFunctionLog: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await gw?.close();
  await project?.remove();
});

const startsOf = (functionName: string) =>
  logs.filter((l) => l.functionName === functionName && l.text.startsWith('START RequestId:')).length;
const reloadsOf = (logicalId: string) => reloads.filter((r) => r.functionLogicalIds.includes(logicalId)).length;
const reloadOf = (logicalId: string, after: number) => () =>
  reloads.filter((r) => r.functionLogicalIds.includes(logicalId))[after];

describe('hot reload', () => {
  it('sends new requests to fresh environments, finishes requests in flight on the old ones, keeps the rest warm', async () => {
    // Prepare: warm environments, and a slow request in flight on HelloFunction's.
    expect((await gw.inject({ path: '/dev/hello' })).json()).toEqual({ version: 1 });
    expect((await gw.inject({ path: '/dev/other' })).trace.lambda?.coldStart).toBe(true);
    const startsBefore = startsOf('HelloFunction');
    const reloadsBefore = reloadsOf('HelloFunction');
    let slowSettled = false;
    const slow = gw.inject({ path: '/dev/hello?delay=1500' }).finally(() => {
      slowSettled = true;
    });
    await eventually(() => (startsOf('HelloFunction') > startsBefore ? true : undefined), 'the slow request to start');
    // Act
    await project.edit('src/app.mjs', 'const VERSION = 1;', 'const VERSION = 2;');
    const reload = await eventually(reloadOf('HelloFunction', reloadsBefore), 'the reload of HelloFunction');
    const stillInFlight = !slowSettled;
    const next = await gw.inject({ path: '/dev/hello' });
    const inFlight = await slow;
    const other = await gw.inject({ path: '/dev/other' });
    // Assess: both functions of src/ reload, in template order; OtherFunction (other/) does not.
    expect(reload.functionLogicalIds).toEqual(['ImageFunction', 'HelloFunction']);
    expect(reload.changedFile).toBe(project.path('src/app.mjs'));
    expect(stillInFlight).toBe(true);
    expect(next.json()).toEqual({ version: 2 });
    expect(next.trace.lambda?.coldStart).toBe(true);
    expect(inFlight.json()).toEqual({ version: 1 });
    // lambda.md §7.1: a warm invoke's REPORT has no Init Duration.
    expect(other.trace.lambda?.coldStart).toBe(false);
    const otherReport = logs.filter((l) => l.functionName === 'OtherFunction' && l.text.startsWith('REPORT')).at(-1);
    expect(otherReport?.text).not.toContain('Init Duration');
  });

  it('rebuilds an esbuild function when a module it imports changes, and reports a broken build until it is fixed', async () => {
    // Prepare
    expect((await gw.inject({ path: '/dev/ts' })).text()).toBe('one');
    const changed = async (from: string, to: string) => {
      const before = reloadsOf('TypeScriptFunction');
      await project.edit('ts/message.ts', from, to);
      await eventually(reloadOf('TypeScriptFunction', before), 'the reload of TypeScriptFunction');
      return gw.inject({ path: '/dev/ts' });
    };
    // Act
    const rebuilt = await changed("'one'", "'two'");
    const broken = await changed("= 'two'", '= ');
    const fixed = await changed('= ', "= 'three'");
    // Assess
    expect(rebuilt.text()).toBe('two');
    expect(rebuilt.trace.lambda?.coldStart).toBe(true);
    expect(broken.status).toBe(502);
    expect(broken.trace.lambda?.functionError?.errorType).toBe('Gatehouse.BuildFailed');
    expect(broken.trace.lambda?.functionError?.errorMessage).toMatch(/message\.ts:1:\d+: /);
    expect(fixed.text()).toBe('three');
    expect(builds.filter((b) => b.functionLogicalId === 'TypeScriptFunction').map((b) => b.kind)).toEqual([
      'built',
      'built',
      'failed',
      'built',
    ]);
  });
});
