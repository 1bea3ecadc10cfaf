import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Dependencies point inward only (../shared/STYLE.md "Architecture"): model imports nothing; nothing
// imports cli or inspector; the pipeline does not know the server, the CLI or a concrete runtime.
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

const forbidden: Record<string, readonly string[]> = {
  model: ['config', 'pipeline', 'integrations', 'runtime', 'server', 'cli', 'deploy', 'failures', 'inspector', 'vtl', 'doctor'],
  failures: ['config', 'pipeline/rest', 'integrations', 'runtime', 'server', 'cli', 'inspector', 'doctor'],
  config: ['pipeline', 'integrations', 'runtime', 'server', 'cli', 'inspector', 'doctor'],
  runtime: ['config', 'pipeline', 'integrations', 'server', 'cli', 'inspector', 'deploy', 'doctor'],
  pipeline: ['server', 'cli', 'inspector', 'config', 'runtime/process-pool', 'runtime/runtime-api', 'doctor'],
  integrations: ['server', 'cli', 'inspector', 'config', 'runtime/process-pool', 'runtime/runtime-api', 'doctor'],
  deploy: ['server', 'cli', 'inspector', 'runtime/process-pool', 'doctor'],
  server: ['cli', 'inspector', 'doctor'],
  doctor: ['cli', 'inspector'],
  auth: ['cli', 'inspector', 'doctor', 'server', 'config', 'runtime/process-pool', 'runtime/runtime-api'],
  inspector: ['cli', 'doctor'],
  logs: ['cli', 'inspector', 'doctor'],
  'lambda-service': [
    'cli',
    'inspector',
    'server',
    'pipeline',
    'integrations',
    'config',
    'runtime/process-pool',
    'runtime/runtime-api',
  ],
};

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

describe('architecture', () => {
  it('has no import pointing outward', async () => {
    const violations: string[] = [];
    for await (const file of walk(SRC)) {
      const from = relative(SRC, file).split(sep).join('/');
      const layer = from.split('/')[0] as string;
      const rules = forbidden[layer];
      if (!rules) continue;
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
        const target = relative(SRC, resolve(file, '..', match[1] as string))
          .split(sep)
          .join('/');
        if (rules.some((r) => target === r || target.startsWith(`${r}/`))) violations.push(`${from} → ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
