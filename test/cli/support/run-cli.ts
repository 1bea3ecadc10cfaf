import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs the `gatehouse` CLI as a child process from its TypeScript sources (`node --import register-ts.mjs
 * src/cli/main.ts`), so the CLI tests need no prior `npm run build` and never test a stale dist/.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('./register-ts.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export function spawnCli(args: readonly string[], options: { cwd?: string } = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--enable-source-maps', '--import', REGISTER, MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** Runs the CLI to completion, feeding `stdin` when given (else an empty stdin). */
export function runCli(args: readonly string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  const child = spawnCli(args, options);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}
