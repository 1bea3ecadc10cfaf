import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { RuntimeApiContext } from '../runtime-api/runtime-api-context.js';
import { attachRuntimeApiPort, type RuntimeApiPortOptions } from '../runtime-api/runtime-api-port.js';
import { type MemorySample, sampleMemory } from './memory-watch.js';
import type { RuntimeLaunch } from './runtime-command.js';

/**
 * What runs one environment's runtime: a child process (decision 0001) or, for Node functions, a worker thread
 * (decision 0004). The environment watches it the same way either way: its output, how it ended, its memory.
 */
export interface RuntimeHost {
  readonly kind: 'process' | 'thread';
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Called once, when the runtime is gone on its own (not after `kill`). */
  onGone(listener: (gone: HostGone) => void): void;
  /** SIGKILL for a process, `terminate()` for a thread: nothing of the runtime runs afterwards. */
  kill(): void;
  /** Memory now and at its peak; undefined when it cannot be read (no /proc, or already gone). */
  sampleMemory(): MemorySample | undefined;
  /**
   * True when the host enforces MemorySize itself (a thread's V8 heap limit); false when the environment
   * polls `sampleMemory` and kills above it (a process's RSS).
   */
  readonly limitsMemoryItself: boolean;
}

export type HostGone =
  | { readonly kind: 'exit'; readonly exitCode: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly kind: 'out-of-memory' }
  | { readonly kind: 'invalid-entrypoint'; readonly text: string };

export function processHost(child: ChildProcess, command: string): RuntimeHost {
  return {
    kind: 'process',
    stdout: child.stdout,
    stderr: child.stderr,
    onGone(listener) {
      child.once('error', (error: NodeJS.ErrnoException) => {
        const reason = error.code === 'ENOENT' ? 'no such file or directory' : 'permission denied';
        listener({ kind: 'invalid-entrypoint', text: `fork/exec ${command}: ${reason}` });
      });
      child.once('exit', (exitCode, signal) => listener({ kind: 'exit', exitCode, signal }));
    },
    kill: () => child.kill('SIGKILL'),
    sampleMemory: () => (child.pid === undefined ? undefined : sampleMemory(child.pid)),
    limitsMemoryItself: false,
  };
}

export type ThreadRecipe = NonNullable<Extract<RuntimeLaunch, { kind: 'spawn' }>['thread']>;

/**
 * Starts gatehouse's Node runtime client in a worker thread (decision 0004): the function's environment
 * variables as its own `process.env`, its Runtime API on a MessagePort attached to `ctx`, V8's heap limits from
 * MemorySize (as the flags a process gets, lambda.md §4.11). Its stdout and stderr arrive through `onOutput`.
 */
export function startRuntimeThread(
  thread: ThreadRecipe,
  env: Readonly<Record<string, string>>,
  name: string,
  ctx: RuntimeApiContext,
  options: Pick<RuntimeApiPortOptions, 'onOutput' | 'onAwaitAssignment'>,
): ReturnType<typeof threadHost> {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(thread.script, {
    env,
    argv: [],
    execArgv: [],
    stdin: false,
    stdout: true,
    stderr: true,
    workerData: { runtimeApiPort: port2, execArgv: thread.execArgv },
    transferList: [port2],
    resourceLimits: thread.resourceLimits,
    trackUnmanagedFds: true,
    name,
  });
  const host = threadHost(worker);
  attachRuntimeApiPort(ctx, port1, {
    ...options,
    onHeapBytes: (bytes) => host.recordHeapBytes(bytes),
    onSignal: (signal, reason) => host.dieOfSignal(signal, reason),
  });
  return host;
}

/**
 * A worker thread has no RSS of its own: its memory is what the runtime reports with each response (V8 heap
 * plus external memory, `onHeapBytes`), and V8's heap limit (resourceLimits, from MemorySize) stops it.
 */
export function threadHost(worker: Worker): RuntimeHost & {
  recordHeapBytes(bytes: number): void;
  dieOfSignal(signal: string, reason: 'out-of-memory' | undefined): void;
} {
  let peakKb = 0;
  let nowKb = 0;
  let outOfMemory = false;
  let signalled: string | undefined;
  // ERR_WORKER_OUT_OF_MEMORY arrives as 'error' before 'exit'; any other uncaught error is the runtime's own
  // (the client handles the function's) and ends in 'exit' as well.
  worker.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
  });
  return {
    kind: 'thread',
    stdout: worker.stdout,
    stderr: worker.stderr,
    onGone(listener) {
      worker.once('exit', (exitCode) => {
        if (outOfMemory) listener({ kind: 'out-of-memory' });
        else if (signalled !== undefined) listener({ kind: 'exit', exitCode: null, signal: signalled as NodeJS.Signals });
        else listener({ kind: 'exit', exitCode, signal: null });
      });
    },
    kill: () => void worker.terminate(),
    sampleMemory: () => ({ rssKb: nowKb, peakKb }),
    limitsMemoryItself: true,
    dieOfSignal(signal, reason) {
      if (reason === 'out-of-memory') outOfMemory = true;
      else signalled ??= signal;
      void worker.terminate();
    },
    recordHeapBytes(bytes) {
      nowKb = Math.ceil(bytes / 1024);
      peakKb = Math.max(peakKb, nowKb);
    },
  };
}
