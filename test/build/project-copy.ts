import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProjectCopy {
  readonly dir: string;
  readonly template: string;
  path(relativePath: string): string;
  /** Replaces the first occurrence of `from` in the file; fails if there is none. */
  edit(relativePath: string, from: string, to: string): Promise<void>;
  write(relativePath: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

/** A copy of test/fixtures/projects/<name> in a temporary folder, for tests that build or change files. */
export async function copyProject(name: string): Promise<ProjectCopy> {
  const source = fileURLToPath(new URL(`../fixtures/projects/${name}`, import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), `gatehouse-${name}-`));
  await cp(source, dir, { recursive: true });
  const path = (relativePath: string) => join(dir, relativePath);
  return {
    dir,
    template: path('template.yaml'),
    path,
    async edit(relativePath, from, to) {
      const text = await readFile(path(relativePath), 'utf8');
      if (!text.includes(from)) throw new Error(`${relativePath} does not contain ${JSON.stringify(from)}`);
      await writeFile(path(relativePath), text.replace(from, to));
    },
    write: (relativePath, text) => writeFile(path(relativePath), text),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Polls `read` until it returns something other than undefined (deterministic waits, no fixed sleeps). */
export async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
