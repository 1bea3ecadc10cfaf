import { existsSync, statSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * The Handler of the built function, as SAM CLI rewrites it after an esbuild build
 * (`samcli/lib/build/bundler.py` `EsbuildBundlerManager._update_function_handler`).
 *
 * SAM keeps the Handler when `<artifacts>/<handler folder>/<handler stem>.js` is a file; otherwise it keeps
 * only the last path segment, because esbuild wrote the bundle to the artifacts root: `src/app.handler`
 * with entry `src/app.ts` becomes `app.handler`, which finds `app.js`. The stem is Python's `Path.stem` (the
 * name without its last suffix), and the check looks for `.js` only, also when OutExtension chose `.mjs`.
 */
export function resolveBuiltHandler(handler: string, artifactsDir: string): string {
  const folder = posix.dirname(handler);
  const name = posix.basename(handler);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const expected = posix.join(folder, `${stem}.js`);
  if (isFile(posix.join(artifactsDir, expected))) return handler;
  return name;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
