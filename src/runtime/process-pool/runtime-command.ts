import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionSpec } from '../../model/function-spec.js';

const runtimeClients = findRuntimeClients(dirname(fileURLToPath(import.meta.url)));
const nodeBootstrap = join(runtimeClients, 'node', 'bootstrap.mjs');
const pythonBootstrap = join(runtimeClients, 'python', 'bootstrap.py');

/**
 * The package's runtime-clients folder, the nearest one above this module: it sits three levels up from
 * `src/runtime/process-pool/` and `dist/runtime/process-pool/`, two from the bundled CLI in `dist/cli/`.
 */
function findRuntimeClients(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'runtime-clients');
    if (existsSync(join(candidate, 'node', 'bootstrap.mjs'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`gatehouse: no runtime-clients folder above ${from}`);
  }
}

export type RuntimeLaunch =
  | {
      readonly kind: 'spawn';
      readonly command: string;
      readonly args: readonly string[];
      /** LAMBDA_RUNTIME_DIR: where the runtime client lives (`/var/runtime` on AWS). */
      readonly runtimeDir: string;
      /** AWS_EXECUTION_ENV; absent for provided.* (lambda.md §8). */
      readonly executionEnv: string | undefined;
      readonly extraEnv: Readonly<Record<string, string>>;
      /** The runtime client understands the framed Runtime API pipe on fd 3 (only gatehouse's Node client). */
      readonly runtimeApiPipe: boolean;
      /**
       * How to run the same runtime in a worker thread instead (decision 0004), when it can run in one:
       * gatehouse's Node client, with V8's heap limits from MemorySize as resourceLimits.
       */
      readonly thread?: {
        readonly script: string;
        /** The node flags the process would have had, for `process.execArgv` (a thread cannot take them). */
        readonly execArgv: readonly string[];
        readonly resourceLimits: { readonly maxOldGenerationSizeMb: number; readonly maxYoungGenerationSizeMb: number };
      };
    }
  /** `fork/exec <path>: no such file or directory` (lambda.md §2.5, Runtime.InvalidEntrypoint). */
  | { readonly kind: 'invalid-entrypoint'; readonly text: string }
  | { readonly kind: 'unsupported' };

export function resolveRuntimeLaunch(fn: FunctionSpec): RuntimeLaunch {
  if (/^nodejs\d+\.x$/.test(fn.runtime)) return nodeLaunch(fn);
  if (/^python3\.\d+$/.test(fn.runtime)) {
    return {
      kind: 'spawn',
      command: 'python3',
      args: ['-u', pythonBootstrap],
      runtimeDir: dirname(pythonBootstrap),
      executionEnv: `AWS_Lambda_${fn.runtime}`,
      extraEnv: { PYTHONUNBUFFERED: '1' },
      runtimeApiPipe: false,
    };
  }
  if (fn.runtime === 'provided.al2023' || fn.runtime === 'provided.al2' || fn.runtime === 'provided') {
    return customRuntimeLaunch(fn);
  }
  return { kind: 'unsupported' };
}

/**
 * AWS's Node bootstrap derives V8 limits from the memory size: new space is a tenth of it (two semi-spaces),
 * old space the rest, unless NODE_OPTIONS already sets them (lambda.md §4.11).
 */
function nodeLaunch(fn: FunctionSpec): RuntimeLaunch {
  const nodeOptions = fn.environment.NODE_OPTIONS ?? '';
  const newSpace = Math.floor(fn.memorySizeMb / 10);
  const args: string[] = [];
  if (!nodeOptions.includes('--max-semi-space-size')) args.push(`--max-semi-space-size=${Math.floor(newSpace / 2)}`);
  if (!nodeOptions.includes('--max-old-space-size')) args.push(`--max-old-space-size=${fn.memorySizeMb - newSpace}`);
  args.push(nodeBootstrap);
  // Young generation = two semi-spaces (plus V8's own share), as the process flags above give it.
  const resourceLimits = { maxOldGenerationSizeMb: fn.memorySizeMb - newSpace, maxYoungGenerationSizeMb: Math.max(1, newSpace) };
  const major = /^nodejs(\d+)\.x$/.exec(fn.runtime)?.[1] ?? '20';
  const runtimeDir = dirname(nodeBootstrap);
  return {
    kind: 'spawn',
    command: process.execPath,
    args,
    runtimeDir,
    executionEnv: `AWS_Lambda_${fn.runtime}`,
    // lambda.md §4.11 NODE_PATH, with /var/runtime and /var/task mapped to their local folders.
    extraEnv: {
      NODE_PATH: [
        `/opt/nodejs/node${major}/node_modules`,
        '/opt/nodejs/node_modules',
        join(runtimeDir, 'node_modules'),
        runtimeDir,
        fn.codeUri,
      ].join(':'),
    },
    runtimeApiPipe: true,
    thread: { script: nodeBootstrap, execArgv: args.slice(0, -1), resourceLimits },
  };
}

/** `<codeUri>/bootstrap`, run with cwd = LAMBDA_TASK_ROOT (lambda.md §9.1). */
function customRuntimeLaunch(fn: FunctionSpec): RuntimeLaunch {
  const bootstrap = join(fn.codeUri, 'bootstrap');
  try {
    if (!statSync(bootstrap).isFile()) return { kind: 'invalid-entrypoint', text: `fork/exec ${bootstrap}: permission denied` };
    accessSync(bootstrap, constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : 'permission denied';
    return { kind: 'invalid-entrypoint', text: `fork/exec ${bootstrap}: ${reason}` };
  }
  return {
    kind: 'spawn',
    command: bootstrap,
    args: [],
    runtimeDir: '/var/runtime',
    executionEnv: undefined,
    extraEnv: {},
    runtimeApiPipe: false,
  };
}
