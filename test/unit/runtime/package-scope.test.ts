import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../../src/model/function-spec.js';
import { findPackageJsonAboveTaskRoot } from '../../../src/runtime/package-scope.js';

// On AWS only CodeUri is deployed (LAMBDA_TASK_ROOT, lambda.md §8); Node's own loader still reads a
// package.json above it locally, which changes how `.js` (not `.mjs`/`.cjs`) files load (lambda.md §4.3).
async function project(handlerFile: string): Promise<FunctionSpec> {
  const root = await mkdtemp(join(tmpdir(), 'gatehouse-scope-'));
  await writeFile(join(root, 'package.json'), '{"type":"module"}');
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'src', handlerFile), 'export const handler = async () => 1;\n');
  return {
    logicalId: 'Fn',
    functionName: 'Fn',
    runtime: 'nodejs20.x',
    handler: 'app.handler',
    codeUri: join(root, 'src'),
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    architecture: 'x86_64',
    source: { file: 'template.yaml', line: 1, column: 1, keyPath: 'Resources.Fn' },
  };
}

describe('a package.json above CodeUri', () => {
  it('is reported for a .js handler, whose loading it changes', async () => {
    expect(findPackageJsonAboveTaskRoot(await project('app.js'))?.type).toBe('module');
  });
  it('is not reported for .mjs or .cjs handlers', async () => {
    expect(findPackageJsonAboveTaskRoot(await project('app.mjs'))).toBeUndefined();
    expect(findPackageJsonAboveTaskRoot(await project('app.cjs'))).toBeUndefined();
  });
});
