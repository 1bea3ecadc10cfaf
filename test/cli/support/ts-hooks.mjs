// Module hooks that let `node` run gatehouse's TypeScript sources directly (registered by register-ts.mjs):
// `./x.js` imports from a .ts file resolve to `./x.ts`, and .ts files are transpiled with esbuild (a dependency
// of gatehouse). Type-only constructs are erased; nothing is type-checked here (`npm run typecheck` does that).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Transpiled output is cached by content hash: a CLI test spawns the CLI many times over the same sources.
const CACHE = join(tmpdir(), 'gatehouse-ts-hooks-cache');

const TSCONFIG = { compilerOptions: { target: 'ES2022', verbatimModuleSyntax: true, useDefineForClassFields: true } };

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, 'utf8');
  const key = createHash('sha256').update(JSON.stringify(TSCONFIG)).update(file).update('\0').update(source).digest('hex');
  const cached = join(CACHE, `${key}.mjs`);
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  } catch {
    // not cached yet
  }
  const { transform } = await import('esbuild');
  const { code } = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: file,
    sourcemap: 'inline',
    tsconfigRaw: TSCONFIG,
  });
  await mkdir(CACHE, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  await writeFile(partial, code);
  await rename(partial, cached);
  return { format: 'module', source: code, shortCircuit: true };
}
