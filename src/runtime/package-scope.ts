import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FunctionSpec } from '../model/function-spec.js';
import { locateHandler } from './handler-location.js';

/**
 * On AWS only the CodeUri folder is deployed (LAMBDA_TASK_ROOT), so a package.json above it does not
 * exist there. Locally Node still reads it to decide whether `.js` files are ES modules, so a project
 * whose root package.json says `"type": "module"` can load differently than on AWS. gatehouse cannot hide
 * that file from Node's loader; it finds it so start-up can warn.
 */
export function findPackageJsonAboveTaskRoot(fn: FunctionSpec): { file: string; type: string } | undefined {
  if (!fn.runtime.startsWith('nodejs')) return undefined;
  // `.mjs` and `.cjs` load the same whatever a package.json says: only `.js` (and extensionless) handlers differ.
  const handlerFile = locateHandler(fn)?.file;
  if (handlerFile !== undefined && /\.(mjs|cjs)$/.test(handlerFile)) return undefined;
  const root = resolve(fn.codeUri);
  if (existsSync(join(root, 'package.json'))) return undefined;
  let folder = dirname(root);
  for (;;) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) {
      try {
        const type = (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type;
        return typeof type === 'string' ? { file, type } : undefined;
      } catch {
        return undefined;
      }
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
