// Runs every bench/<name>.bench.js in turn with plain node (after `npm run build`), as `npm run bench` does.
// Usage: node bench/run.js [name ...]   (e.g. `node bench/run.js runtime` runs only bench/runtime.bench.js)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.js'))
  .filter((file) => only.length === 0 || only.includes(basename(file, '.bench.js')))
  .sort();

if (files.length === 0) {
  console.error(`no bench/*.bench.js file${only.length > 0 ? ` named ${only.join(', ')}` : ''}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}\n`);
  const run = spawnSync(process.execPath, [join(benchDir, file)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${file} failed (${run.signal ?? `exit ${run.status}`})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
