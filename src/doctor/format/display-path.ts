import { isAbsolute, relative, sep } from 'node:path';

/** A file as the report shows it: relative to `cwd` with `/` when inside it, else absolute. */
export function displayFile(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}
