import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedGateway, startGateway } from '../../src/index.js';
import type { BuildEvent } from '../../src/runtime/build/code-builder.js';
import { createProcessRuntime } from '../../src/runtime/index.js';
import { event, fixtureFunction, payloadJson } from '../runtime/function-fixture.js';
import { copyProject, type ProjectCopy } from './project-copy.js';

// TypeScript on Lambda means shipping JavaScript: `sam build` bundles functions with Metadata BuildMethod
// esbuild; Lambda itself never loads .ts (lambda.md §4.9).
// Docs: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html
let project: ProjectCopy;
let gw: StartedGateway;
const builds: BuildEvent[] = [];

beforeAll(async () => {
  project = await copyProject('typescript-esbuild');
  gw = await startGateway({ template: project.template, onBuild: (e) => builds.push(e) });
});
afterAll(async () => {
  await gw?.close();
  await project?.remove();
});

describe('Metadata BuildMethod: esbuild', () => {
  it('builds every esbuild function once at start-up, and only those', () => {
    // Assess
    expect(builds.map((b) => [b.functionLogicalId, b.kind]).sort()).toEqual([
      ['HelloFunction', 'built'],
      ['NestedFunction', 'built'],
    ]);
  });

  it('runs a TypeScript handler that imports a local .ts module', async () => {
    // Act
    const res = await gw.inject({ path: '/dev/hello?name=Ada' });
    // Assess
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ message: 'Hello, Ada!', version: 1 });
    expect(res.trace.lambda?.coldStart).toBe(true);
  });

  // SAM bundler.py _set_sourcemap_env_from_metadata: Sourcemap true appends --enable-source-maps.
  it('adds --enable-source-maps to NODE_OPTIONS when Sourcemap is true, as sam build does', async () => {
    // Act
    const res = await gw.inject({ path: '/dev/hello' });
    // Assess
    expect((res.json() as { nodeOptions: string }).nodeOptions.split(' ')).toContain('--enable-source-maps');
  });

  // SAM app_builder.py: without EntryPoints the entry is the Handler's module; bundler.py rewrites
  // `src/handlers/nested.handler` to `nested.handler` because esbuild wrote nested.mjs at the artifact root.
  it('takes the entry point from the Handler and finds the bundle at the artifact root (Format esm, .mjs)', async () => {
    // Act
    const res = await gw.inject({ path: '/dev/nested' });
    // Assess
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ message: 'Hello, nested!', moduleFormat: 'esm' });
  });
});

describe('TypeScript without BuildMethod', () => {
  // lambda.md §4.6, §4.9: the Node runtime tries no .ts candidate; require's MODULE_NOT_FOUND becomes
  // Runtime.ImportModuleError `Error: Cannot find module 'app'`.
  it('fails the invoke with Runtime.ImportModuleError through the gateway', async () => {
    // Act
    const res = await gw.inject({ path: '/dev/unbuilt' });
    // Assess
    expect(res.status).toBe(502);
    expect(res.json()).toEqual({ message: 'Internal server error' });
    expect(res.trace.lambda?.functionError).toMatchObject({ errorType: 'Runtime.ImportModuleError', reason: 'init' });
    expect(res.trace.lambda?.functionError?.errorMessage).toMatch(/^Error: Cannot find module 'app'/);
  });

  it('fails the invoke with Runtime.ImportModuleError through the public runtime', async () => {
    // Prepare
    const runtime = createProcessRuntime();
    const codeUri = fileURLToPath(new URL('../fixtures/projects/typescript-esbuild/hello', import.meta.url));
    const fn = fixtureFunction('unused', { logicalId: 'UnbuiltTs', handler: 'app.lambdaHandler', codeUri });
    try {
      // Act
      const result = await runtime.invoke(fn, event({}));
      // Assess
      expect(result).toMatchObject({ kind: 'function-error', errorType: 'Runtime.ImportModuleError', reason: 'init' });
      expect(payloadJson(result)).toMatchObject({
        errorType: 'Runtime.ImportModuleError',
        errorMessage: expect.stringMatching(/^Error: Cannot find module 'app'\nRequire stack:/),
      });
    } finally {
      await runtime.dispose();
    }
  });
});
