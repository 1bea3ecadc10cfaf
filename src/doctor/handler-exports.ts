import type { HandlerSource, TextMatch } from './handler-source.js';
import { findInSource } from './handler-source.js';

/**
 * Whether a module's source exports `name`, read from the text: `export const|let|var|function|async function`,
 * `export { a as name }`, `exports.name =`, `module.exports.name =`, `module.exports = { name }`, and
 * `export default` for `default`. `unknown` when the module builds its exports in a way text cannot follow
 * (`module.exports = makeHandlers()`, `export * from`), so no finding is made then.
 */
export type ExportLookup =
  | { readonly kind: 'found'; readonly at: TextMatch }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknown' };

export function lookUpExport(source: HandlerSource, name: string): ExportLookup {
  const n = escapeRegExp(name);
  const direct = [
    new RegExp(`\\bexport\\s+(?:const|let|var|class)\\s+${n}\\b`),
    new RegExp(`\\bexport\\s+(?:async\\s+)?function\\s*\\*?\\s*${n}\\b`),
    new RegExp(`(?:\\bmodule\\.)?\\bexports\\.${n}\\s*=`),
    new RegExp(`\\bexports\\[['"]${n}['"]\\]\\s*=`),
    ...(name === 'default' ? [/\bexport\s+default\b/, /\bmodule\.exports\s*=/] : []),
  ];
  for (const pattern of direct) {
    const at = findInSource(source, pattern)[0];
    if (at !== undefined) return { kind: 'found', at };
  }
  const listed = findListedExport(source, name);
  if (listed !== undefined) return { kind: 'found', at: listed };
  const opaque =
    /\bexport\s*\*\s*from\b|\bmodule\.exports\s*=\s*(?!\{)|\bObject\.(?:assign|defineProperty)\(\s*(?:module\.)?exports\b/;
  return opaque.test(source.text) ? { kind: 'unknown' } : { kind: 'missing' };
}

/** `export { a, b as name }` and `module.exports = { name, other: fn }`, possibly over several lines. */
function findListedExport(source: HandlerSource, name: string): TextMatch | undefined {
  for (const match of source.text.matchAll(/\bexport\s*\{([^}]*)\}|\bmodule\.exports\s*=\s*\{([^}]*)\}/g)) {
    const esm = match[1];
    const names =
      esm !== undefined
        ? esm.split(',').map(
            (item) =>
              item
                .trim()
                .split(/\s+as\s+/)
                .pop()
                ?.trim() ?? '',
          )
        : (match[2] ?? '').split(',').map((item) => /^\s*(?:async\s+)?([\w$]+)/.exec(item)?.[1] ?? '');
    if (names.includes(name)) {
      const before = source.text.slice(0, match.index);
      const line = before.split('\n').length;
      return { line, column: before.length - before.lastIndexOf('\n'), value: match[0] };
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
