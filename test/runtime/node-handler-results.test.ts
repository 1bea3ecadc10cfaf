import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../src/runtime/index.js';
import { event, fixtureFunction, logCollector, payloadJson } from './function-fixture.js';

const logs = logCollector();
const runtime = createProcessRuntime({ logSink: logs.sink });
afterAll(() => runtime.dispose());

const basic = (handler: string, extra: Parameters<typeof fixtureFunction>[1] = {}) =>
  fixtureFunction('node-basic', { handler: `index.${handler}`, ...extra });

describe('Node.js handler results (nodejs20.x)', () => {
  // RIC src/RAPIDClient.js _trySerializeResponse: the payload is JSON.stringify(result) (lambda.md §5.2).
  it('returns the serialised result byte for byte', async () => {
    // Act
    const result = await runtime.invoke(basic('echo'), event({ text: 'héllo', n: 1.5, list: [null] }));
    // Assess
    expect(result.kind).toBe('success');
    if (result.kind !== 'success') return;
    expect(result.payload.toString('utf8')).toBe('{"text":"héllo","n":1.5,"list":[null]}');
    expect(result.report.coldStart).toBe(true);
    expect(result.report.initDurationMs).toBeGreaterThan(0);
  });

  // lambda.md §5.2: undefined becomes null; a circular result is `Unable to stringify response body`.
  it('answers null for undefined and an Error document for an unserialisable result', async () => {
    // Act
    const undefinedResult = await runtime.invoke(basic('returnsUndefined'), event({}));
    const circular = await runtime.invoke(basic('circular'), event({}));
    // Assess
    expect(undefinedResult.kind === 'success' && undefinedResult.payload.toString()).toBe('null');
    expect(circular.kind).toBe('function-error');
    expect(payloadJson(circular)).toMatchObject({ errorType: 'Error', errorMessage: 'Unable to stringify response body' });
  });

  // lambda.md §5.7: a non-async handler that neither calls back nor returns a thenable answers null once the
  // event loop is empty (RIC's default beforeExit listener), and the next invoke still runs.
  it('answers null when a plain handler returns without calling back', async () => {
    // Act
    const first = await runtime.invoke(basic('returnsPlainValue'), event({}));
    const second = await runtime.invoke(basic('returnsPlainValue'), event({}));
    // Assess
    expect(first.kind === 'success' && first.payload.toString()).toBe('null');
    expect(second.kind === 'success' && second.payload.toString()).toBe('null');
  });

  // Recorded: LS test_uncaught_exception_invoke[nodejs20.x] {"errorType":"Error","errorMessage":...,"trace":[...]};
  // extra properties such as `code` appear only in the `Invoke Error` log line (lambda.md §5.11).
  it('reports a thrown Error as {errorType, errorMessage, trace}', async () => {
    // Act
    const result = await runtime.invoke(basic('throwError'), event({}));
    // Assess
    expect(result.kind).toBe('function-error');
    if (result.kind !== 'function-error') return;
    const doc = payloadJson(result) as { errorType: string; errorMessage: string; trace: string[] };
    expect(Object.keys(doc)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(doc.errorType).toBe('Error');
    expect(doc.errorMessage).toBe('some_error_msg');
    expect(doc.trace[0]).toBe('Error: some_error_msg');
    expect(result.reason).toBe('handler');
    const logged = logs.lines.find((l) => l.requestId === result.report.requestId && l.text.includes('Invoke Error'));
    expect(logged?.text).toMatch(
      /\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"some_error_msg","code":"E_SOME","stack":\[/,
    );
  });

  // RIC src/Errors.js toRapidResponse: non-Error values → typeof / String(); fail() → "handled" (lambda.md §5.11).
  it('reports thrown strings and context.fail() as typeof documents', async () => {
    // Act
    const thrownString = await runtime.invoke(basic('throwString'), event({}));
    const failNothing = await runtime.invoke(basic('failNothing'), event({}));
    // Assess
    expect(thrownString.kind === 'function-error' && thrownString.payload.toString()).toBe(
      '{"errorType":"string","errorMessage":"boom","trace":[]}',
    );
    expect(payloadJson(failNothing)).toEqual({ errorType: 'string', errorMessage: 'handled', trace: [] });
  });

  // lambda.md §5.4, §5.6: succeed posts at once and only the first completion counts.
  it('lets the first of callback / succeed / fail / return win', async () => {
    // Act
    const succeed = await runtime.invoke(basic('succeed'), event({}));
    const firstWins = await runtime.invoke(basic('firstCompletionWins'), event({}));
    // Assess
    expect(payloadJson(succeed)).toBe('via succeed');
    expect(payloadJson(firstWins)).toBe('a');
  });

  // AWS nodejs-context.html: callback waits for the event loop to drain unless
  // callbackWaitsForEmptyEventLoop=false; leftover work then stays frozen until a later invoke (lambda.md §1.4, §5.3).
  it('waits for pending timers after callback() unless callbackWaitsForEmptyEventLoop is false', async () => {
    // Act
    const waits = await runtime.invoke(basic('callbackWaits'), event({}));
    const noWait = await runtime.invoke(basic('callbackNoWait'), event({}));
    // Assess
    expect(waits.kind === 'success' && waits.report.durationMs).toBeGreaterThanOrEqual(290);
    expect(noWait.kind === 'success' && noWait.report.durationMs).toBeLessThan(250);
    expect(payloadJson(noWait)).toBe('answered at once');
  });

  // lambda.md §6: JSON.stringify(context) key order recorded by LS test_lambda_with_context; memoryLimitInMB is a
  // string; the RIC copies Lambda-Runtime-Trace-Id into _X_AMZN_TRACE_ID.
  it('builds the context object as the Node runtime does', async () => {
    // Prepare
    const fn = basic('context', { functionName: 'my-function', memorySizeMb: 256 });
    // Act
    const result = await runtime.invoke(fn, {
      payload: Buffer.from('{}'),
      requestId: '11111111-2222-3333-4444-555555555555',
      traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1',
      clientContext: '{"custom":{"k":"v"}}',
    });
    // Assess
    const body = payloadJson(result) as Record<string, unknown>;
    const context = JSON.parse(body.json as string) as Record<string, unknown>;
    expect(Object.keys(context)).toEqual([
      'callbackWaitsForEmptyEventLoop',
      'functionVersion',
      'functionName',
      'memoryLimitInMB',
      'logGroupName',
      'logStreamName',
      'clientContext',
      'invokedFunctionArn',
      'awsRequestId',
    ]);
    expect(context).toMatchObject({
      callbackWaitsForEmptyEventLoop: true,
      functionVersion: '$LATEST',
      functionName: 'my-function',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/my-function',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-function',
      awsRequestId: '11111111-2222-3333-4444-555555555555',
      clientContext: { custom: { k: 'v' } },
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(body.remaining).toBeGreaterThan(2500);
    expect(body.remaining).toBeLessThanOrEqual(3000);
    expect(body.traceEnv).toBe('Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1');
  });

  // RIC src/CallbackContext.js + src/InvokeContext.js: an own accessor, then succeed / fail / done (anonymous
  // onlyAllowFirstCall wrappers, length 0), then the Object.assign'ed environment and header data (lambda.md §6).
  it('gives the context the own properties, kinds and order of the Node runtime', async () => {
    // Act
    const result = await runtime.invoke(basic('contextShape'), event({}));
    // Assess
    const data = (value: unknown) => [{ value, writable: true }, true, true];
    const completion = { name: '', length: 0 };
    expect(payloadJson(result)).toEqual({
      properties: [
        ['callbackWaitsForEmptyEventLoop', { get: 'function', set: 'function' }, true, true],
        ['succeed', ...data(completion)],
        ['fail', ...data(completion)],
        ['done', ...data(completion)],
        ['functionVersion', ...data('string')],
        ['functionName', ...data('string')],
        ['memoryLimitInMB', ...data('string')],
        ['logGroupName', ...data('string')],
        ['logStreamName', ...data('string')],
        ['clientContext', ...data('undefined')],
        ['identity', ...data('undefined')],
        ['invokedFunctionArn', ...data('string')],
        ['awsRequestId', ...data('string')],
        ['tenantId', ...data('undefined')],
        ['getRemainingTimeInMillis', ...data({ name: 'getRemainingTimeInMillis', length: 0 })],
      ],
      callback: completion,
      prototypeIsObject: true,
      waitsAfterSet: false,
    });
  });

  // lambda.md §8 (LS test_introspection_invoke), merge order RIE environment.go, SAM --env-vars.
  it('sets the Lambda environment, then the template variables, then --env-vars overrides', async () => {
    // Prepare
    const local = createProcessRuntime({
      region: 'eu-west-1',
      envOverrides: { Parameters: { STAGE: 'from-parameters', UNDECLARED: 'x' }, nodebasicindexenv: { TABLE: 'from-function' } },
    });
    const fn = basic('env', {
      environment: { STAGE: 'template', TABLE: 'template', AWS_REGION: 'user-cannot-override', KEEP: 'kept' },
    });
    // Act
    const result = await local.invoke(fn, event({}));
    await local.dispose();
    // Assess
    const { env, cwd, offset } = payloadJson(result) as { env: Record<string, string>; cwd: string; offset: number };
    expect(env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'node-basic',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      _HANDLER: 'index.env',
      LAMBDA_TASK_ROOT: fn.codeUri,
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/node-basic',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
      STAGE: 'from-parameters',
      TABLE: 'from-function',
      KEEP: 'kept',
    });
    expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(env.UNDECLARED).toBeUndefined();
    expect(env.VITEST).toBeUndefined(); // the gatehouse process's own environment does not leak
    expect(cwd).toBe(fn.codeUri);
    expect(offset).toBe(0);
  });

  // lambda.md §7.1 (LS test_invocation_with_logs), §7.2, §7.5 (newlines → \r without the telemetry FD).
  it('writes START, console lines, END and REPORT as CloudWatch shows them', async () => {
    // Act
    const result = await runtime.invoke(basic('log'), event({}));
    // Assess
    if (result.kind === 'service-error') throw new Error('unexpected');
    const id = result.report.requestId;
    const lines = logs.lines.filter((l) => l.requestId === id).map((l) => l.text);
    expect(lines[0]).toBe(`START RequestId: ${id} Version: $LATEST`);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${id}\\tINFO\\thello\\rworld { a: 1 }$`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`Z\\t${id}\\tERROR\\tbad thing$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`Z\\t${id}\\tWARN\\tcareful$`)));
    expect(lines.at(-2)).toBe(`END RequestId: ${id}`);
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\t$`,
      ),
    );
  });
});
