import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import type { FunctionSpec } from '../../model/function-spec.js';
import type { PostedPayload } from '../payload-text.js';
import type { InvocationEvent, RuntimeApiEvents } from '../runtime-api/runtime-api-context.js';
import { attachRuntimeApiPipe } from '../runtime-api/runtime-api-pipe.js';
import { RuntimeApiServer } from '../runtime-api/runtime-api-server.js';
import { buildEnvironment, createLogStreamName } from './environment-variables.js';
import { OutputLines } from './output-lines.js';
import type { RuntimeLaunch } from './runtime-command.js';
import { processHost, type RuntimeHost, startRuntimeThread } from './runtime-host.js';
import type { SpareProcess } from './spare-process.js';
import { RUNTIME_API_FD, RUNTIME_API_FD_VARIABLE, RUNTIME_API_PORT_VARIABLE } from './spare-recipe.js';

/**
 * One execution environment: the runtime (client), in a child process or, for Node functions, a worker thread
 * (`runtime-host.ts`), and the Runtime API server it talks to.
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (Init, Invoke, Shutdown).
 */

/** Failures the platform detects itself (lambda.md §2.5). */
export type EnvironmentFailure =
  | { readonly kind: 'exit'; readonly exitCode: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly kind: 'out-of-memory' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'invalid-entrypoint'; readonly text: string };

export type InitOutcome =
  | { readonly kind: 'ready' }
  | { readonly kind: 'init-error'; readonly body: Buffer; readonly errorType: string | undefined }
  | EnvironmentFailure;

export type InvocationOutcome =
  | { readonly kind: 'response'; readonly body: PostedPayload }
  | { readonly kind: 'error'; readonly body: Buffer; readonly errorType: string | undefined }
  | { readonly kind: 'response-too-large' }
  | EnvironmentFailure
  /** The environment died before the runtime took the event: the invoke may go to a fresh environment. */
  | { readonly kind: 'environment-lost' };

export interface InvocationRecord {
  readonly outcome: InvocationOutcome;
  readonly durationMs: number;
  readonly maxMemoryUsedMb: number;
}

/**
 * `initializing` → `ready` (blocked in /next) → `busy` (event assigned) → `finishing` (result in, next /next
 * not yet) → `ready` ...; `dead` once the process is gone.
 */
export type EnvironmentPhase = 'initializing' | 'ready' | 'busy' | 'finishing' | 'dead';

export interface ExecutionEnvironmentOptions {
  readonly fn: FunctionSpec;
  readonly launch: Extract<RuntimeLaunch, { kind: 'spawn' }>;
  readonly region: string;
  readonly envOverrides: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  /** Init gets this long before the function's timeout starts to count (10 s on AWS, lambda.md §1.2). */
  readonly initTimeoutMs: number;
  /**
   * Offer the runtime client the framed Runtime API pipe on fd 3 when it understands it (gatehouse's Node
   * client). The HTTP Runtime API in AWS_LAMBDA_RUNTIME_API is served either way.
   */
  readonly runtimeApiPipe: boolean;
  /**
   * Run the runtime in a worker thread of this process instead of a child process (decision 0004). Only for
   * launches that have a `thread` recipe (gatehouse's Node client); the caller decides whether the function may.
   */
  readonly inThread?: boolean;
  /**
   * A waiting spare process started with this launch's recipe (`spare-pool.ts`): it becomes this environment's
   * runtime instead of a new process; init (and Init Duration) starts at its assignment.
   */
  readonly spare?: SpareProcess | undefined;
  readonly onOutput: (env: ExecutionEnvironment, line: string, requestId: string | undefined) => void;
  readonly onDead: (env: ExecutionEnvironment) => void;
}

const MEMORY_POLL_MS = 25;

interface PendingInvocation {
  readonly event: InvocationEvent;
  readonly onStart: () => void;
  readonly resolve: (record: InvocationRecord) => void;
  startedAt: number;
  /** When the function times out (Date.now() time); 0 until the runtime has taken the event. */
  deadlineMs: number;
}

export class ExecutionEnvironment {
  readonly id = randomBytes(16).toString('hex');
  readonly logStreamName = createLogStreamName(new Date(), this.id);
  readonly startedAt = performance.now();
  /** Set when init completes: the REPORT line's Init Duration. */
  initDurationMs = 0;
  lastUsedAt = Date.now();
  /** False after the first invoke: only the first REPORT carries Init Duration. */
  coldStart = true;
  #phase: EnvironmentPhase = 'initializing';
  #api: RuntimeApiServer;
  #host: RuntimeHost | undefined;
  /** The runtime's stdout and stderr, cut into lines (a thread's output comes on its Runtime API port). */
  readonly #output = [1, 2].map(() => new OutputLines((line) => this.options.onOutput(this, line, this.#currentRequestId)));
  #initResolve: ((outcome: InitOutcome) => void) | undefined;
  #pending: PendingInvocation | undefined;
  #currentRequestId: string | undefined;
  #memoryTimer: NodeJS.Timeout | undefined;
  /** The function timeout's one timer, and the deadline it was armed for (see #armDeadline). */
  #deadlineTimer: NodeJS.Timeout | undefined;
  #deadlineArmedMs = 0;
  #peakKb = 0;
  #killedFor: 'out-of-memory' | 'timeout' | undefined;
  readonly initialized: Promise<InitOutcome>;

  private constructor(
    private readonly options: ExecutionEnvironmentOptions,
    api: RuntimeApiServer,
  ) {
    this.#api = api;
    this.initialized = new Promise((resolve) => {
      this.#initResolve = resolve;
    });
  }

  static async start(options: ExecutionEnvironmentOptions): Promise<ExecutionEnvironment> {
    let self: ExecutionEnvironment | undefined;
    const events: RuntimeApiEvents = {
      onNext: () => self?.handleNext(),
      onInvocationDelivered: (_id, deadlineMs) => self?.handleDelivered(deadlineMs),
      onInvocationResponse: (_id, body) => self?.settleInvocation({ kind: 'response', body }),
      onResponseTooLarge: () => self?.settleInvocation({ kind: 'response-too-large' }),
      onInvocationError: (_id, body, errorType) => self?.settleInvocation({ kind: 'error', body, errorType }),
      onInitError: (body, errorType) => self?.failInit({ kind: 'init-error', body, errorType }),
    };
    const spare = options.spare;
    // A spare handed out while still starting up is waited for; one that died instead is not used.
    if (spare !== undefined && (await spare.whenWaiting())) {
      const env = new ExecutionEnvironment(options, spare.api);
      self = env;
      env.#attach(
        spare.assign(events, env.#environment(), options.fn.codeUri, {
          onOutput: (fd, chunk) => env.#output[fd - 1]?.push(chunk),
        }),
      );
      return env;
    }
    const api = await RuntimeApiServer.start(events);
    self = new ExecutionEnvironment(options, api);
    if (options.inThread === true && options.launch.thread !== undefined) self.#startThread(options.launch.thread);
    else self.#spawn();
    return self;
  }

  /** The runtime runs in a worker thread of this process (decision 0004), not in a child process. */
  get inThread(): boolean {
    return this.#host?.kind === 'thread';
  }

  get phase(): EnvironmentPhase {
    return this.#phase;
  }

  get functionName(): string {
    return this.options.fn.functionName;
  }

  /** True when an event is assigned that the runtime has not finished (including one not yet delivered). */
  get isAssigned(): boolean {
    return this.#pending !== undefined;
  }

  /** Assigns one event; it reaches the runtime at its next GET /next. */
  invoke(event: InvocationEvent, onStart: () => void): Promise<InvocationRecord> {
    if (this.#phase === 'dead') return Promise.resolve(this.#record({ kind: 'environment-lost' }, 0));
    return new Promise((resolve) => {
      this.#pending = { event, onStart, resolve, startedAt: 0, deadlineMs: 0 };
      if (this.#phase === 'ready') this.#phase = 'busy';
      // lastUsedAt is not touched here: only an idle environment's is read (reaping, makeRoom), and the end of
      // this invoke sets it (settleInvocation).
      this.#api.enqueue(event);
    });
  }

  /** Shutdown: the process is killed and its Runtime API closed. */
  async dispose(): Promise<void> {
    this.#host?.kill();
    this.#markDead();
    await this.#api.close();
  }

  /** The function's variables (lambda.md §8), as the runtime sees them once the client has removed its own. */
  #environment(): Record<string, string> {
    const { fn, launch } = this.options;
    return buildEnvironment(fn, {
      region: this.options.region,
      runtimeApi: this.#api.address,
      logStreamName: this.logStreamName,
      runtimeDir: launch.runtimeDir,
      executionEnv: launch.executionEnv,
      hostEnv: process.env,
      overrides: this.options.envOverrides,
      extra: launch.extraEnv,
    });
  }

  #spawn(): void {
    const { fn, launch } = this.options;
    const env = this.#environment();
    const pipe = this.options.runtimeApiPipe && launch.runtimeApiPipe;
    // Where the Node client finds the pipe; it deletes the variable before user code loads (as the RIC does
    // with _LAMBDA_TELEMETRY_LOG_FD).
    if (pipe) env[RUNTIME_API_FD_VARIABLE] = String(RUNTIME_API_FD);
    const child = spawn(launch.command, [...launch.args], {
      cwd: fn.codeUri,
      env,
      stdio: pipe ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    });
    const channel = pipe ? child.stdio[RUNTIME_API_FD] : undefined;
    if (channel) attachRuntimeApiPipe(this.#api.session, channel as Duplex);
    this.#attach(processHost(child, launch.command));
  }

  /**
   * The runtime in a worker thread (decision 0004): the same client and environment variables, its Runtime API
   * on a MessagePort, V8's heap limits from MemorySize (as the flags a process gets, lambda.md §4.11).
   */
  #startThread(thread: NonNullable<ExecutionEnvironmentOptions['launch']['thread']>): void {
    const env = this.#environment();
    env[RUNTIME_API_PORT_VARIABLE] = '1';
    const host = startRuntimeThread(thread, env, this.options.fn.functionName, this.#api.session, {
      onOutput: (fd, chunk) => this.#output[fd - 1]?.push(chunk),
    });
    this.#attach(host);
  }

  /** Watches the runtime from the start of init: its output, its end, its memory and init's time limit. */
  #attach(host: RuntimeHost): void {
    const { fn } = this.options;
    this.#host = host;
    for (const [fd, stream] of [host.stdout, host.stderr].entries()) {
      const lines = this.#output[fd] as OutputLines;
      stream?.on('data', (chunk: Buffer) => lines.push(chunk));
      stream?.on('end', () => lines.end());
    }
    host.onGone((gone) => {
      const killedFor = this.#killedFor;
      this.#onProcessGone(killedFor !== undefined && gone.kind === 'exit' ? { kind: killedFor } : gone);
    });
    this.#startMemoryWatch();
    const initTimer = setTimeout(() => this.#kill('timeout'), this.options.initTimeoutMs + fn.timeoutSeconds * 1000);
    void this.initialized.then(() => clearTimeout(initTimer));
  }

  private handleNext(): void {
    if (this.#phase === 'initializing') {
      this.initDurationMs = performance.now() - this.startedAt;
      this.#phase = 'ready';
      this.#stopMemoryWatch();
      this.#samplePeak();
      this.#initResolve?.({ kind: 'ready' });
      return;
    }
    // AWS: the invoke phase ends at the next /next; output until then belongs to it (lambda.md §1.3). The
    // request id is kept until the next invoke is delivered: output arrives on another pipe than /next and
    // may be read after it. (On AWS the environment is frozen between invokes, so nothing else prints then.)
    if (this.#phase === 'finishing') this.#phase = this.#pending !== undefined ? 'busy' : 'ready';
  }

  private handleDelivered(deadlineMs: number): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#phase = 'busy';
    this.#currentRequestId = pending.event.requestId;
    pending.startedAt = performance.now();
    pending.deadlineMs = deadlineMs;
    this.#armDeadline(pending);
    this.#startMemoryWatch();
    pending.onStart();
  }

  private settleInvocation(outcome: InvocationOutcome): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    this.#stopMemoryWatch();
    const durationMs = pending.startedAt === 0 ? 0 : performance.now() - pending.startedAt;
    // Reading /proc costs ~70 µs; a sub-millisecond invoke cannot have moved the peak much, and the next
    // longer one reads it anyway. A thread's figure came with its result: reading it costs nothing.
    if (durationMs >= 1 || this.inThread) this.#samplePeak();
    if (this.#phase !== 'dead') this.#phase = 'finishing';
    this.lastUsedAt = Date.now();
    pending.resolve(this.#record(outcome, durationMs));
  }

  private failInit(outcome: InitOutcome): void {
    if (this.#phase !== 'initializing') return;
    this.initDurationMs = performance.now() - this.startedAt;
    this.#initResolve?.(outcome);
    // The runtime is expected to exit after /init/error; the environment is never reused.
    void this.dispose();
  }

  #onProcessGone(failure: EnvironmentFailure): void {
    if (this.#phase === 'initializing') this.failInit(failure);
    const pending = this.#pending;
    if (pending !== undefined) {
      this.settleInvocation(pending.startedAt === 0 ? { kind: 'environment-lost' } : failure);
    }
    this.#markDead();
    void this.#api.close();
  }

  #kill(reason: 'out-of-memory' | 'timeout'): void {
    if (this.#phase === 'dead') return;
    this.#killedFor = reason;
    this.#host?.kill();
    // Settle now rather than at 'exit': a timeout is reported at the deadline, not when the kernel reaps.
    this.#onProcessGone({ kind: reason });
  }

  /**
   * The function timeout: one timer per environment rather than one set and cleared per invoke (~1 µs of the
   * gateway's thread each). A timer armed for an earlier invoke stays; when it fires, the invoke running then
   * times out if the timer was armed for its deadline, and otherwise gets the timer again for the rest of its
   * time. A timer due later than a new deadline is replaced, so every invoke times out exactly at its deadline.
   */
  #armDeadline(pending: PendingInvocation): void {
    if (this.#deadlineTimer !== undefined && this.#deadlineArmedMs <= pending.deadlineMs) return;
    clearTimeout(this.#deadlineTimer);
    this.#deadlineArmedMs = pending.deadlineMs;
    this.#deadlineTimer = setTimeout(() => this.#onDeadline(), Math.max(0, pending.deadlineMs - Date.now()));
  }

  #onDeadline(): void {
    this.#deadlineTimer = undefined;
    const pending = this.#pending;
    if (pending === undefined || pending.deadlineMs === 0) return;
    if (pending.deadlineMs === this.#deadlineArmedMs) this.#kill('timeout');
    else this.#armDeadline(pending);
  }

  #markDead(): void {
    if (this.#phase === 'dead') return;
    this.#phase = 'dead';
    clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = undefined;
    this.#stopMemoryWatch();
    this.options.onDead(this);
  }

  #startMemoryWatch(): void {
    const host = this.#host;
    if (host === undefined || host.limitsMemoryItself || this.#memoryTimer !== undefined) return;
    const limitKb = this.options.fn.memorySizeMb * 1024;
    this.#memoryTimer = setInterval(() => {
      const sample = host.sampleMemory();
      if (sample === undefined) return;
      this.#peakKb = Math.max(this.#peakKb, sample.peakKb);
      // AWS limits the whole sandbox and SIGKILLs it at MemorySize (lambda.md §5.12).
      if (sample.rssKb > limitKb) this.#kill('out-of-memory');
    }, MEMORY_POLL_MS);
    this.#memoryTimer.unref();
  }

  #stopMemoryWatch(): void {
    clearInterval(this.#memoryTimer);
    this.#memoryTimer = undefined;
  }

  #samplePeak(): void {
    const sample = this.#host?.sampleMemory();
    if (sample !== undefined) this.#peakKb = Math.max(this.#peakKb, sample.peakKb);
  }

  #record(outcome: InvocationOutcome, durationMs: number): InvocationRecord {
    return { outcome, durationMs, maxMemoryUsedMb: Math.ceil(this.#peakKb / 1024) };
  }
}
