import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { FunctionSpec } from '../model/function-spec.js';
import { locateHandler } from '../runtime/handler-location.js';
import type { FindingLocation } from './finding.js';

/**
 * The text of a Node function's handler module, read (never run) for the static checks. The module is found
 * as the Node runtime finds it (../shared/aws/lambda.md §4.3, via runtime/handler-location.ts), plus `.ts` for
 * esbuild-built functions.
 */
export interface HandlerSource {
  readonly file: string;
  readonly text: string;
  readonly lines: readonly string[];
  /** `handler`, or `routes.users.list` for nested handlers. */
  readonly exportPath: string;
  /** `.js`, `.mjs`, `.cjs`, `.ts` or `` (no extension). */
  readonly extension: string;
}

export interface TextMatch {
  readonly line: number;
  readonly column: number;
  /** The first capture group, or the whole match. */
  readonly value: string;
}

/** Undefined for non-Node runtimes, a handler string without a module, or a module that is not there. */
export function readHandlerSource(fn: FunctionSpec): HandlerSource | undefined {
  const location = locateHandler(fn) ?? locateEsbuildEntryPoint(fn);
  if (location === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(location.file, 'utf8');
  } catch {
    return undefined;
  }
  return {
    file: location.file,
    text,
    lines: text.split('\n'),
    exportPath: location.exportPath,
    extension: extname(location.file),
  };
}

/**
 * `sam build` with esbuild writes each EntryPoints file as `<basename>.js` at the top of the artifact, so
 * Handler `app.handler` may come from EntryPoints `src/app.ts` (sam-cli esbuild workflow).
 */
function locateEsbuildEntryPoint(fn: FunctionSpec): { file: string; exportPath: string } | undefined {
  if (fn.buildMethod !== 'esbuild' || !fn.runtime.startsWith('nodejs')) return undefined;
  const entryPoints = fn.buildProperties?.EntryPoints;
  const rest = fn.handler.slice(fn.handler.lastIndexOf('/') + 1);
  const dot = rest.indexOf('.');
  if (!Array.isArray(entryPoints) || dot === -1) return undefined;
  const moduleName = rest.slice(0, dot);
  for (const entry of entryPoints) {
    if (typeof entry !== 'string') continue;
    const file = join(fn.codeUri, entry);
    if (basename(entry, extname(entry)) === moduleName && existsSync(file)) return { file, exportPath: rest.slice(dot + 1) };
  }
  return undefined;
}

/**
 * Every match of `pattern` outside comment lines (`//`, `/*`, ` *`), with its 1-based line and column.
 */
export function findInSource(source: HandlerSource, pattern: RegExp): TextMatch[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const global = new RegExp(pattern.source, flags);
  const found: TextMatch[] = [];
  source.lines.forEach((text, index) => {
    const code = stripLineComment(text);
    for (const match of code.matchAll(global)) {
      found.push({ line: index + 1, column: (match.index ?? 0) + 1, value: match[1] ?? match[0] });
    }
  });
  return found;
}

/**
 * Whether a match sits in what looks like a Lambda proxy response object: `statusCode` within a few lines
 * around it. Keeps `body: {` in a request payload or a config object from being reported.
 */
export function isNearStatusCode(source: HandlerSource, line: number, window = 8): boolean {
  const from = Math.max(0, line - 1 - window);
  const to = Math.min(source.lines.length, line + window);
  return source.lines.slice(from, to).some((l) => /\bstatusCode\b/.test(stripLineComment(l)));
}

export function locationIn(source: HandlerSource, match: { line: number; column: number }, label?: string): FindingLocation {
  return { file: source.file, line: match.line, column: match.column, ...(label === undefined ? {} : { label }) };
}

/** Whole-line comments only: a trailing `// ...` is kept, so URLs in strings are never cut. */
function stripLineComment(line: string): string {
  const trimmed = line.trimStart();
  return trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*') ? '' : line;
}
