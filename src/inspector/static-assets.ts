import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The inspector's front end: plain ES modules and CSS in ./ui, no build step. `npm run build` copies the folder
 * next to the compiled code (dist/inspector/ui), so this resolves the same from src/ (tests) and dist/.
 */
const UI_DIR = fileURLToPath(new URL('./ui/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** A file of the front end by its plain name (`app.js`), or undefined: no paths, so nothing outside ./ui. */
export async function readAsset(name: string): Promise<{ body: Buffer; contentType: string } | undefined> {
  const match = /^[a-z0-9-]+\.(html|js|css|svg)$/.exec(name);
  if (!match) return undefined;
  try {
    return { body: await readFile(`${UI_DIR}${name}`), contentType: TYPES[match[1] as string] as string };
  } catch {
    return undefined;
  }
}
