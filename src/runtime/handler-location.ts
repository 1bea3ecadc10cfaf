import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FunctionSpec } from '../model/function-spec.js';

export interface HandlerLocation {
  /** The module file the Node runtime would load. */
  readonly file: string;
  /** 1-based line of the export's definition, 0 when not found. */
  readonly line: number;
  /** `handler`, or `routes.users.list` for nested handlers. */
  readonly exportPath: string;
}

const cache = new Map<string, HandlerLocation | undefined>();

/**
 * Where a Node function's handler lives, for explanations ("fix src/report.mjs:3"). Follows the Node
 * runtime's resolution order (../shared/aws/lambda.md §4.3) for the common cases; undefined for other
 * runtimes or when nothing is found. Cached per function: it reads files.
 */
export function locateHandler(fn: FunctionSpec): HandlerLocation | undefined {
  const key = `${fn.codeUri}\0${fn.handler}\0${fn.runtime}`;
  if (cache.has(key)) return cache.get(key);
  const found = fn.runtime.startsWith('nodejs') ? findNodeHandler(fn) : undefined;
  cache.set(key, found);
  return found;
}

function findNodeHandler(fn: FunctionSpec): HandlerLocation | undefined {
  const slash = fn.handler.lastIndexOf('/');
  const dir = slash === -1 ? '' : fn.handler.slice(0, slash);
  const rest = fn.handler.slice(slash + 1);
  const dot = rest.indexOf('.');
  if (dot === -1) return undefined;
  const moduleName = rest.slice(0, dot);
  const exportPath = rest.slice(dot + 1);
  for (const ext of ['', '.js', '.mjs', '.cjs', '.ts']) {
    const file = join(fn.codeUri, dir, `${moduleName}${ext}`);
    if (!existsSync(file)) continue;
    const top = exportPath.split('.')[0] as string;
    let line = 0;
    try {
      const lines = readFileSync(file, 'utf8').split('\n');
      const definition = new RegExp(
        `(export\\s+(const|let|var|async\\s+function|function)\\s+${top}\\b)|(exports\\.${top}\\s*=)|(^\\s*(async\\s+)?function\\s+${top}\\b)`,
      );
      line = lines.findIndex((l) => definition.test(l)) + 1;
    } catch {
      line = 0;
    }
    return { file, line, exportPath };
  }
  return undefined;
}

export function formatHandlerLocation(location: HandlerLocation, cwd = process.cwd()): string {
  const file = relative(cwd, location.file) || location.file;
  return `${file}${location.line > 0 ? `:${location.line}` : ''} (export ${location.exportPath})`;
}
