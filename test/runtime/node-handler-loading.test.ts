import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../src/runtime/index.js';
import { event, fixtureFunction, logCollector, payloadJson } from './function-fixture.js';

const logs = logCollector();
const runtime = createProcessRuntime({ logSink: logs.sink });
afterAll(() => runtime.dispose());

describe('Node.js handler resolution (RIC src/UserFunction.js)', () => {
  // lambda.md §4.3: ESM by the nearest package.json "type", top-level await finishes during init (§4.4).
  it.each([
    ['node-esm', 'index.handler', { format: 'esm', loadedAt: 'after top-level await' }],
    ['node-esm', 'index.default', 'default export'],
    ['node-mjs', 'app.handler', 'from app.mjs'], // .mjs beats .cjs
    ['node-cjs', 'app.handler', 'from app.cjs'],
    ['node-basic', 'index.nested.deeper.handler', 'nested'], // §4.1: the property path is walked
  ])('loads %s with handler %s', async (folder, handler, expected) => {
    // Act
    const result = await runtime.invoke(fixtureFunction(folder, { handler }), event({}));
    // Assess
    expect(payloadJson(result)).toEqual(expected);
  });

  // lambda.md §4.2, §4.5, §4.6, §4.7: init errors go to /init/error and become the invoke's payload (§2.4).
  it.each([
    ['node-basic', 'index.missing', 'Runtime.HandlerNotFound', 'index.missing is undefined or not exported'],
    ['node-basic', 'index.notAFunction', 'Runtime.HandlerNotFound', 'index.notAFunction is not a function'],
    ['node-cjs', 'plain.handler', 'Runtime.HandlerNotFound', 'plain.handler is undefined or not exported'],
    ['node-basic', 'index', 'Runtime.MalformedHandlerName', 'Bad handler'],
    [
      'node-basic',
      '../node-basic/index.handler',
      'Runtime.MalformedHandlerName',
      "'../node-basic/index.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
    ],
    ['node-init-throw', 'index.handler', 'ConfigError', 'TABLE_NAME is not set'],
  ])('%s %s fails init with %s', async (folder, handler, errorType, errorMessage) => {
    // Act
    const result = await runtime.invoke(fixtureFunction(folder, { handler }), event({}));
    // Assess
    expect(result.kind).toBe('function-error');
    if (result.kind !== 'function-error') return;
    expect(result.reason).toBe('init');
    expect(result.errorType).toBe(errorType);
    const doc = payloadJson(result) as { errorType: string; errorMessage: string; trace: string[] };
    expect(doc).toMatchObject({ errorType, errorMessage });
    expect(Array.isArray(doc.trace)).toBe(true);
    // lambda.md §4.7, §7.3: logged during init, hence the literal request id `undefined`.
    expect(logs.lines.some((l) => l.text.includes('\tundefined\tERROR\tUncaught Exception \t{'))).toBe(true);
  });

  // lambda.md §4.6: require's MODULE_NOT_FOUND → Runtime.ImportModuleError with the stringified error.
  it('reports a missing dependency as Runtime.ImportModuleError', async () => {
    // Act
    const result = await runtime.invoke(fixtureFunction('node-import-error'), event({}));
    // Assess
    const doc = payloadJson(result) as { errorType: string; errorMessage: string };
    expect(doc.errorType).toBe('Runtime.ImportModuleError');
    expect(doc.errorMessage).toMatch(/^Error: Cannot find module 'a-package-that-does-not-exist'\nRequire stack:\n- /);
  });

  // lambda.md §4.6: SyntaxError → Runtime.UserCodeSyntaxError, message `SyntaxError: <msg>`.
  it('reports a syntax error as Runtime.UserCodeSyntaxError', async () => {
    // Act
    const result = await runtime.invoke(fixtureFunction('node-syntax-error'), event({}));
    // Assess
    const doc = payloadJson(result) as { errorType: string; errorMessage: string };
    expect(doc.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(doc.errorMessage).toMatch(/^SyntaxError: /);
  });

  // lambda.md §1.7: an init failure never leaves a reusable environment; the next invoke inits again.
  it('initialises again on the next invoke after an init error', async () => {
    // Prepare
    const fn = fixtureFunction('node-init-throw');
    // Act
    const first = await runtime.invoke(fn, event({}));
    const second = await runtime.invoke(fn, event({}));
    // Assess
    if (first.kind === 'service-error' || second.kind === 'service-error') throw new Error('unexpected');
    expect(second.report.coldStart).toBe(true);
    expect(second.report.environmentId).not.toBe(first.report.environmentId);
  });
});
