// @ts-check
/**
 * What a runtime running in a worker thread (docs/decisions/0004-thread-environments.md) does so that the
 * function sees what a Lambda runtime process shows it:
 *
 * - `worker_threads` says it is the main thread, with no parent port and no worker data (AWS runs the handler
 *   on the main thread of /var/runtime's node; libraries branch on `isMainThread`), and `process.execArgv` lists
 *   the heap flags a runtime process would have been started with.
 * - The working directory is LAMBDA_TASK_ROOT (AWS starts the runtime with cwd /var/task). A thread cannot
 *   `chdir` (the working directory belongs to the process, and gatehouse's own is in use), so `process.cwd()`
 *   answers the task root, `process.chdir` moves that answer, and relative paths given to `fs`, `fs/promises`
 *   and `child_process` (as their default `cwd`) are resolved against it.
 * - stdout and stderr are the environment's own: `process.stdout`/`process.stderr` and writes to fd 1 and 2
 *   through `fs` (pino's sonic-boom, for one) go to gatehouse with the results, in order, instead of to the
 *   gateway's terminal.
 * - `process.kill(process.pid, signal)` and `process.abort()` end this environment with that signal (a
 *   process would die of it), not the gateway.
 *
 * Builtins are per isolate, so these changes are seen by this environment only.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import workerThreads from 'node:worker_threads';

/**
 * What the thread's transport offers (port-transport.mjs): output on the Runtime API's port, and death by a signal.
 * @typedef {{ output(fd: 1 | 2, data: string | Uint8Array): void, die(signal: string): never }} RuntimeThreadLink
 */

/** The MessagePort gatehouse handed this thread for its Runtime API (workerData.runtimeApiPort). */
export function takeRuntimeApiPort() {
  const port = /** @type {{ runtimeApiPort?: import('node:worker_threads').MessagePort } | null} */ (workerThreads.workerData)
    ?.runtimeApiPort;
  if (port === undefined) throw new Error('gatehouse: no Runtime API port in workerData');
  return port;
}

/** @param {string} taskRoot @param {RuntimeThreadLink} link */
export function presentAsLambdaProcess(taskRoot, link) {
  // The heap flags a runtime process is started with (lambda.md §4.11); a thread has them as resourceLimits.
  const flags = /** @type {{ execArgv?: string[] } | null} */ (workerThreads.workerData)?.execArgv;
  if (Array.isArray(flags)) process.execArgv = [...flags];
  const threads = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (workerThreads));
  Object.assign(threads, { isMainThread: true, parentPort: null, workerData: null, threadId: 0, resourceLimits: {} });
  let cwd = taskRoot;
  process.cwd = () => cwd;
  process.chdir = (/** @type {string} */ directory) => {
    const target = path.resolve(cwd, directory);
    if (!fs.statSync(target).isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, chdir '${cwd}' -> '${directory}'`), {
        code: 'ENOTDIR',
        syscall: 'chdir',
      });
    }
    cwd = target;
  };
  const resolve = (/** @type {unknown} */ p) =>
    typeof p === 'string' && p !== '' && !path.isAbsolute(p) ? path.resolve(cwd, p) : p;
  patchPaths(/** @type {any} */ (fs), resolve);
  patchPaths(/** @type {any} */ (fs.promises), resolve);
  patchChildProcess(/** @type {any} */ (childProcess), () => cwd);
  routeOutput(link);
  routeSignals(link);
  Module.syncBuiltinESMExports();
}

/** @param {RuntimeThreadLink} link */
function routeOutput(link) {
  const output = link.output.bind(link);
  // The thread's own stdout/stderr objects stay (Node's worker plumbing calls into them), but what is written
  // to them goes to gatehouse at once instead of waiting for the parent to ask for more.
  for (const [fd, stream] of /** @type {const} */ ([
    [1, process.stdout],
    [2, process.stderr],
  ])) {
    const writable = /** @type {any} */ (stream);
    writable._write = (
      /** @type {string | Uint8Array} */ chunk,
      /** @type {unknown} */ _encoding,
      /** @type {() => void} */ done,
    ) => {
      output(fd, chunk);
      done();
    };
    writable._writev = (/** @type {Array<{ chunk: string | Uint8Array }>} */ chunks, /** @type {() => void} */ done) => {
      for (const { chunk } of chunks) output(fd, chunk);
      done();
    };
  }
  const fsAny = /** @type {any} */ (fs);
  for (const name of ['writeSync', 'write']) {
    const original = fsAny[name];
    fsAny[name] = function (/** @type {unknown[]} */ ...args) {
      const fd = args[0];
      if (fd !== 1 && fd !== 2) return Reflect.apply(original, this, args);
      const [, data, a, b] = args;
      const bytes =
        typeof data === 'string'
          ? Buffer.from(data, typeof b === 'string' ? /** @type {BufferEncoding} */ (b) : 'utf8')
          : toBytes(data, a, b);
      output(fd, bytes);
      const callback = args.findLast((arg) => typeof arg === 'function');
      if (name === 'writeSync') return bytes.length;
      if (typeof callback === 'function') process.nextTick(callback, null, bytes.length, data);
      return undefined;
    };
  }
}

/** fs.write(fd, buffer, offset?, length?) → the bytes it would write. @param {unknown} data @param {unknown} offset @param {unknown} length */
function toBytes(data, offset, length) {
  if (!ArrayBuffer.isView(data)) return Buffer.from(String(data));
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof offset === 'object' && offset !== null) {
    const o = /** @type {{ offset?: number, length?: number }} */ (offset);
    return view.subarray(o.offset ?? 0, (o.offset ?? 0) + (o.length ?? view.length));
  }
  const start = typeof offset === 'number' ? offset : 0;
  return view.subarray(start, typeof length === 'number' ? start + length : view.length);
}

/**
 * A signal sent to its own process, or an abort, ends this environment the way it would end a process: the
 * runtime thread stops here and gatehouse, told which signal, ends it and reports `Runtime.ExitError`
 * with `signal: ...` (lambda.md §2.5).
 * @param {RuntimeThreadLink} link
 */
function routeSignals(link) {
  const kill = process.kill.bind(process);
  process.kill = (/** @type {number} */ pid, /** @type {string | number | undefined} */ signal) => {
    if (pid !== process.pid && pid !== 0) return kill(pid, signal);
    const name = typeof signal === 'number' ? signalName(signal) : (signal ?? 'SIGTERM');
    // Signal 0 only asks whether the process exists.
    if (name === 0) return true;
    return link.die(String(name));
  };
  process.abort = () => link.die('SIGABRT');
}

/** @param {number} signal */
function signalName(signal) {
  if (signal === 0) return 0;
  return Object.entries(os.constants.signals).find(([, number]) => number === signal)?.[0] ?? `signal ${signal}`;
}

/** Functions whose first argument is a path. */
const ONE_PATH = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'lchmod',
  'lchown',
  'lutimes',
  'createReadStream',
  'createWriteStream',
  'exists',
  'lstat',
  'mkdir',
  'mkdtemp',
  'open',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'truncate',
  'unlink',
  'utimes',
  'watch',
  'watchFile',
  'unwatchFile',
  'writeFile',
];
/** Functions whose first two arguments are paths. */
const TWO_PATHS = ['rename', 'copyFile', 'link', 'cp'];

/** @param {Record<string, any>} target @param {(p: unknown) => unknown} resolve */
function patchPaths(target, resolve) {
  for (const base of ONE_PATH) {
    for (const name of [base, `${base}Sync`])
      wrap(target, name, (args) => {
        args[0] = resolve(args[0]);
      });
  }
  for (const base of TWO_PATHS) {
    for (const name of [base, `${base}Sync`]) {
      wrap(target, name, (args) => {
        args[0] = resolve(args[0]);
        args[1] = resolve(args[1]);
      });
    }
  }
  // symlink(target, path): the target is stored as written; only the link's own path is resolved.
  for (const name of ['symlink', 'symlinkSync'])
    wrap(target, name, (args) => {
      args[1] = resolve(args[1]);
    });
}

/** Adds the task root as the default `cwd` of every child_process call that does not set one. */
function patchChildProcess(/** @type {Record<string, any>} */ target, /** @type {() => string} */ cwd) {
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']) {
    wrap(target, name, (args) => {
      // (file, args?, options?, callback?)
      const at = Array.isArray(args[1]) || args[1] === undefined || args[1] === null ? 2 : 1;
      withCwd(args, at, cwd());
    });
  }
  for (const name of ['exec', 'execSync']) wrap(target, name, (args) => withCwd(args, 1, cwd()));
}

/** @param {unknown[]} args @param {number} at @param {string} cwd */
function withCwd(args, at, cwd) {
  const options = args[at];
  if (options !== null && typeof options === 'object') {
    if (/** @type {{ cwd?: unknown }} */ (options).cwd === undefined) args[at] = { ...options, cwd };
    return;
  }
  if (options === undefined || options === null) {
    while (args.length < at) args.push(undefined);
    args[at] = { cwd };
    return;
  }
  // A callback where the options would be: insert them before it.
  if (typeof options === 'function') args.splice(at, 0, { cwd });
}

/** @param {Record<string, any>} target @param {string} name @param {(args: unknown[]) => void} edit */
function wrap(target, name, edit) {
  const original = target[name];
  if (typeof original !== 'function') return;
  const wrapped = /** @type {any} */ (
    function (/** @type {unknown[]} */ ...args) {
      edit(args);
      return Reflect.apply(original, this, args);
    }
  );
  // Keep what hangs off the function (realpath.native, promisify.custom of exists).
  Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
  if (typeof original.native === 'function') {
    const native = original.native;
    wrapped.native = (/** @type {unknown[]} */ ...args) => {
      edit(args);
      return Reflect.apply(native, undefined, args);
    };
  }
  target[name] = wrapped;
}

let timeZoneWarned = false;

/**
 * A function that assigns `process.env.TZ` gets that zone in a process of its own, not in a thread (the zone
 * belongs to the process: decision 0004). Checked before each event; said once, on the function's stderr.
 */
export function warnOnTimeZoneChange() {
  const tz = process.env.TZ;
  if (timeZoneWarned || tz === ':UTC' || tz === 'UTC') return;
  timeZoneWarned = true;
  process.stderr.write(
    `gatehouse: this function set process.env.TZ to ${JSON.stringify(tz ?? null)}, but it runs in a worker thread, where the time zone stays UTC (it belongs to the process). Run gatehouse with --isolation process to get that zone.\n`,
  );
}
