import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';

export class EntryPointError extends Error {
  override readonly name = 'EntryPointError';
}

/**
 * The entry points `sam build` hands to esbuild, relative to the code folder.
 *
 * SAM CLI (`samcli/lib/build/app_builder.py` `_get_build_options`): without `EntryPoints`, the one entry
 * point is `handler.split(".")[0]` (`src/app.lambdaHandler` → `src/app`; like SAM, a dot in a folder name
 * cuts the path there). Lambda Builders (`esbuild.py` `_get_explicit_file_type`): an entry with an extension
 * must exist; one without gets `.ts`, else `.js`; otherwise `entry point <path> does not exist`.
 */
export function resolveEntryPoints(codeUri: string, handler: string, normalized: Readonly<Record<string, unknown>>): string[] {
  const configured = normalized.entry_points;
  // SAM: `if handler and not build_props.get("EntryPoints")`: any falsy value (absent, "", []) means the handler.
  const entries = isFalsyInPython(configured) ? [handler.split('.')[0] ?? ''] : configured;
  // Lambda Builders: "entry_points must be a list" / "must not be empty".
  if (!Array.isArray(entries)) throw new EntryPointError(`EntryPoints must be a list, got ${JSON.stringify(entries)}`);
  if (entries.length === 0) throw new EntryPointError('EntryPoints must not be empty');
  return entries.map((entry) => explicitFileType(codeUri, String(entry)));
}

function explicitFileType(codeUri: string, entry: string): string {
  const path = join(codeUri, entry);
  if (extname(entry) !== '') {
    if (existsSync(path)) return entry;
    throw new EntryPointError(`entry point ${path} does not exist`);
  }
  for (const ext of ['.ts', '.js']) {
    if (existsSync(path + ext)) return entry + ext;
  }
  throw new EntryPointError(`entry point ${path} does not exist`);
}

function isFalsyInPython(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
