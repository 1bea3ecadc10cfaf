import type { FunctionSpec } from '../../model/function-spec.js';
import { buildEnvironment } from './environment-variables.js';
import type { RuntimeLaunch } from './runtime-command.js';

/**
 * What a spare environment (`spare-process.ts`) is started with, and the key that says which functions it can
 * become. A process can change its variables and cwd after start-up, but not what it read while starting:
 * the executable, its flags (the V8 heap limits derived from MemorySize, lambda.md §4.11) and the variables
 * below. Everything else is set when the spare is assigned its function.
 */
export interface SpareRecipe {
  /** Equal keys: interchangeable spares. */
  readonly key: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Where the spare waits: the runtime client's own folder; it moves to LAMBDA_TASK_ROOT when assigned. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /**
   * A spare worker thread (decision 0004) instead of a process: only V8's heap limits are fixed at its start
   * (the time zone and node's options are the gateway process's own, which is why the function may use a thread).
   */
  readonly thread?: NonNullable<Extract<RuntimeLaunch, { kind: 'spawn' }>['thread']>;
}

/**
 * Variables read while a process starts, whose later change has no effect: Node's own (NODE_OPTIONS,
 * NODE_EXTRA_CA_CERTS, NODE_NO_WARNINGS, NODE_DEBUG, ...), libuv's, OpenSSL's, the dynamic loader's
 * (LD_LIBRARY_PATH is searched by dlopen as read at exec), glibc's, the locale and colour settings, and TZ
 * (Node would re-read it, but it is always `:UTC`, lambda.md §8). NODE_PATH is the exception: the client
 * re-reads it after the assignment (`Module._initPaths`).
 */
const STARTUP_VARIABLE =
  /^(?:NODE_(?!PATH$)|UV_|OPENSSL_|SSL_CERT_|LD_|MALLOC_|GLIBC_TUNABLES$|LC_|LANG$|LANGUAGE$|TZ$|FORCE_COLOR$|NO_COLOR$|TERM$)/;

/** gatehouse-internal, deleted by the Node client before user code loads (as `_GATEHOUSE_RUNTIME_API_FD`). */
export const SPARE_VARIABLE = '_GATEHOUSE_SPARE';
export const RUNTIME_API_FD_VARIABLE = '_GATEHOUSE_RUNTIME_API_FD';
export const RUNTIME_API_FD = 3;
/** Set to `1` in a runtime thread's environment: its Runtime API is the MessagePort in workerData (decision 0004). */
export const RUNTIME_API_PORT_VARIABLE = '_GATEHOUSE_RUNTIME_API_PORT';

export interface SpareRecipeInputs {
  readonly region: string;
  readonly envOverrides: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  readonly hostEnv: NodeJS.ProcessEnv;
}

/** The recipe for spares that can become this function's environment; undefined when its runtime has none. */
export function spareRecipe(
  fn: FunctionSpec,
  launch: Extract<RuntimeLaunch, { kind: 'spawn' }>,
  inputs: SpareRecipeInputs,
  inThread = false,
): SpareRecipe | undefined {
  // The assignment travels on the pipe (or port): only gatehouse's Node client can wait for one.
  if (!launch.runtimeApiPipe) return undefined;
  if (inThread) {
    if (launch.thread === undefined) return undefined;
    const env: Record<string, string> = {};
    for (const name of ['PATH', 'HOME'] as const) {
      const value = inputs.hostEnv[name];
      if (value !== undefined) env[name] = value;
    }
    Object.assign(env, { [RUNTIME_API_PORT_VARIABLE]: '1', [SPARE_VARIABLE]: '1' });
    return {
      key: JSON.stringify(['thread', launch.thread]),
      command: launch.command,
      args: launch.args,
      cwd: launch.runtimeDir,
      env,
      thread: launch.thread,
    };
  }
  const functionEnv = buildEnvironment(fn, {
    region: inputs.region,
    runtimeApi: '',
    logStreamName: '',
    runtimeDir: launch.runtimeDir,
    executionEnv: launch.executionEnv,
    hostEnv: inputs.hostEnv,
    overrides: inputs.envOverrides,
    extra: launch.extraEnv,
  });
  const startup: Record<string, string> = {};
  for (const [name, value] of Object.entries(functionEnv)) {
    if (STARTUP_VARIABLE.test(name)) startup[name] = value;
  }
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME'] as const) {
    const value = inputs.hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, startup, { [RUNTIME_API_FD_VARIABLE]: String(RUNTIME_API_FD), [SPARE_VARIABLE]: '1' });
  return {
    key: JSON.stringify([launch.command, launch.args, startup]),
    command: launch.command,
    args: launch.args,
    cwd: launch.runtimeDir,
    env,
  };
}
