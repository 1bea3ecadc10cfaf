import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../src/runtime/index.js';
import { event, fixtureFunction, payloadJson } from './function-fixture.js';

const runtime = createProcessRuntime();
afterAll(() => runtime.dispose());

function has(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('provided.al2023: a bootstrap executable speaking the Runtime API', () => {
  // AWS runtimes-custom.html / runtimes-walkthrough.html: <task root>/bootstrap loops over next → response;
  // AWS_EXECUTION_ENV is absent for provided.al2023 (recorded: LS introspection, lambda.md §8, §9.1).
  it.runIf(has('curl'))('runs a shell bootstrap and passes the posted response and error through', async () => {
    // Prepare
    const fn = fixtureFunction('provided-shell', { runtime: 'provided.al2023', handler: 'function.handler' });
    // Act
    const ok = await runtime.invoke(fn, event({ hello: 'world' }));
    const failed = await runtime.invoke(fn, event('please fail'));
    const exited = await runtime.invoke(fn, event('please exit'));
    // Assess
    expect(payloadJson(ok)).toEqual({ handler: 'function.handler', event: { hello: 'world' }, executionEnv: 'absent' });
    // lambda.md §2.3, §9.4: the posted document is the payload, unchanged.
    expect(failed.kind === 'function-error' && failed.payload.toString()).toBe(
      '{"errorMessage":"the shell handler failed","errorType":"ShellError","stackTrace":[]}',
    );
    expect(payloadJson(exited)).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect((payloadJson(exited) as { errorMessage: string }).errorMessage).toMatch(
      /Error: Runtime exited with error: exit status 3$/,
    );
  });

  // Recorded: awslabs/aws-lambda-dart-runtime #20 (lambda.md §2.5).
  it.each([
    ['provided-missing', 'no such file or directory'],
    ['provided-not-executable', 'permission denied'],
  ])('reports %s as Runtime.InvalidEntrypoint', async (folder, reason) => {
    // Prepare
    const fn = fixtureFunction(folder, { runtime: 'provided.al2023' });
    // Act
    const result = await runtime.invoke(fn, event({}));
    // Assess
    if (result.kind !== 'function-error') throw new Error(`unexpected ${result.kind}`);
    expect(payloadJson(result)).toEqual({
      errorType: 'Runtime.InvalidEntrypoint',
      errorMessage: `RequestId: ${result.report.requestId} Error: fork/exec ${fn.codeUri}/bootstrap: ${reason}`,
    });
  });
});

describe('python3.x through gatehouse’s Python runtime client', () => {
  // lambda.md §9.3: AWS's Python RIC error body {errorMessage, errorType, requestId, stackTrace}.
  it.runIf(has('python3'))('runs module.function and reports errors as the Python RIC does', async () => {
    // Prepare
    const fn = fixtureFunction('python-basic', { runtime: 'python3.12', handler: 'app.handler' });
    const failing = fixtureFunction('python-basic', { runtime: 'python3.12', handler: 'app.fail' });
    // Act
    const first = await runtime.invoke(fn, event({ a: 1 }));
    const second = await runtime.invoke(fn, event({ a: 2 }));
    const failed = await runtime.invoke(failing, event({}));
    // Assess
    if (first.kind !== 'success' || failed.kind !== 'function-error') throw new Error('unexpected result kinds');
    expect(payloadJson(first)).toEqual({
      event: { a: 1 },
      counter: 1,
      requestId: first.report.requestId,
      executionEnv: 'AWS_Lambda_python3.12',
      remainingPositive: true,
    });
    expect((payloadJson(second) as { counter: number }).counter).toBe(2);
    const doc = payloadJson(failed) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    expect(doc).toMatchObject({ errorMessage: 'bad value', errorType: 'ValueError', requestId: failed.report.requestId });
  });
});
