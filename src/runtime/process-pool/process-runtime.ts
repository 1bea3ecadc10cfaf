import { randomUUID } from 'node:crypto';
import type { FunctionSpec } from '../../model/function-spec.js';
import { type CodeBuilder, type CodePreparer, createCodeBuilder, type PreparedCode } from '../build/code-builder.js';
import { successResult } from '../payload-text.js';
import type { FunctionLogSink, InvokeReport, InvokeRequest, InvokeResult, LambdaRuntime } from '../runtime.js';
import { ExecutionEnvironment, type InvocationRecord } from './execution-environment.js';
import { FunctionPool, functionSpecKey } from './function-pool.js';
import { createInvocationEvent } from './invocation-event.js';
import {
  type PlatformError,
  platformError,
  responseTooLargeError,
  runtimeReportedError,
  timeoutText,
} from './platform-errors.js';
import { billedDurationMs, endLine, reportLine, startLine, timeoutLine } from './platform-log.js';
import { resolveRuntimeLaunch } from './runtime-command.js';
import { type SpareEvent, SparePool } from './spare-pool.js';
import { ThreadEligibility } from './thread-eligibility.js';

export interface ProcessRuntimeOptions {
  /** Receives START/END/REPORT and every line the function prints. Default: discard. */
  readonly logSink?: FunctionLogSink;
  /** AWS_REGION / AWS_DEFAULT_REGION and the function ARN's region. Default `us-east-1`. */
  readonly region?: string;
  /** The function ARN's account. Default `123456789012`. */
  readonly accountId?: string;
  /** Account-wide concurrency: invokes in flight and live environments. Default 64. */
  readonly maxEnvironments?: number;
  /** Idle environments are shut down after this long. Default 10 minutes. */
  readonly idleTimeoutMs?: number;
  /** Init's own time limit before the function timeout starts to count. Default 10 s (lambda.md §1.2). */
  readonly initTimeoutMs?: number;
  /**
   * Let gatehouse's Node runtime client speak the Runtime API over a framed pipe instead of loopback HTTP
   * (decision 0001). Default true, or false when GATEHOUSE_RUNTIME_API_PIPE=0. HTTP is served either way.
   */
  readonly runtimeApiPipe?: boolean;
  /** SAM `--env-vars` content: `{ Parameters: {...}, <LogicalId>: {...} }`. */
  readonly envOverrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The "prepare code" step (esbuild for `Metadata: BuildMethod: esbuild`). Default: a CodeBuilder of its own. */
  readonly codePreparer?: CodePreparer;
  /**
   * Node runtime processes kept started ahead, for the node flags and start-up variables most cold starts
   * ask for, so that a cold start skips Node's own start-up (decision 0001, addendum "spare environments").
   * Default 1, or GATEHOUSE_SPARE_ENVIRONMENTS; 0 disables. Needs the Runtime API pipe; other runtimes never
   * use spares.
   */
  readonly spareEnvironments?: number;
  /** Receives what the spare pool does (started, assigned, killed, died). For tests and diagnostics. */
  readonly onSpareEvent?: (event: SpareEvent) => void;
  /**
   * Where Node functions run: `thread` (default, or GATEHOUSE_ISOLATION) puts each environment in a worker
   * thread of this process when the function allows it (`thread-eligibility.ts`), `process` gives every
   * environment a child process (decision 0004). Other runtimes always get a process.
   */
  readonly isolation?: Isolation;
}

export type Isolation = 'thread' | 'process';

/** How long after a cold start's init a spare starts when its first invoke is still running. */
const SPARE_REFILL_DELAY_MS = 250;

/** Over 6 MB the Invoke API refuses the request itself (lambda.md §3.3; message per §3.5, unrecorded). */
const MAX_REQUEST_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Runs functions in child processes, one process per execution environment (see
 * docs/decisions/0001-execution-environments.md).
 */
export function createProcessRuntime(options: ProcessRuntimeOptions = {}): LambdaRuntime {
  return new ProcessRuntime(options);
}

class ProcessRuntime implements LambdaRuntime {
  readonly #pools = new Map<string, FunctionPool>();
  readonly #sink: FunctionLogSink;
  readonly #region: string;
  readonly #accountId: string;
  readonly #maxEnvironments: number;
  readonly #idleTimeoutMs: number;
  readonly #reaper: NodeJS.Timeout;
  readonly #code: CodePreparer;
  readonly #ownCode: CodeBuilder | undefined;
  readonly #runtimeApiPipe: boolean;
  readonly #spares: SparePool;
  readonly #threads: ThreadEligibility | undefined;
  #inFlight = 0;
  #disposed = false;

  constructor(private readonly options: ProcessRuntimeOptions) {
    this.#sink = options.logSink ?? (() => {});
    this.#region = options.region ?? 'us-east-1';
    this.#accountId = options.accountId ?? '123456789012';
    this.#maxEnvironments = options.maxEnvironments ?? 64;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 10 * 60_000;
    this.#reaper = setInterval(() => this.#reapIdle(), Math.min(this.#idleTimeoutMs, 1000));
    this.#reaper.unref();
    this.#runtimeApiPipe = options.runtimeApiPipe ?? process.env.GATEHOUSE_RUNTIME_API_PIPE !== '0';
    this.#threads = isolationOption(options.isolation) === 'thread' ? new ThreadEligibility(options.envOverrides) : undefined;
    this.#spares = new SparePool({
      size: this.#runtimeApiPipe ? spareEnvironmentsOption(options.spareEnvironments) : 0,
      region: this.#region,
      envOverrides: options.envOverrides,
      hostEnv: process.env,
      ...(options.onSpareEvent !== undefined ? { onEvent: options.onSpareEvent } : {}),
    });
    if (options.codePreparer === undefined) {
      this.#ownCode = createCodeBuilder();
      this.#code = this.#ownCode;
    } else {
      this.#code = options.codePreparer;
    }
  }

  invoke(spec: FunctionSpec, request: InvokeRequest): Promise<InvokeResult> {
    if (request.payload.length > MAX_REQUEST_PAYLOAD_BYTES) {
      return Promise.resolve(
        serviceError(
          413,
          'RequestEntityTooLargeException',
          'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
        ),
      );
    }
    // Prepare code: the built FunctionSpec (a new build has a new codeUri, so #poolFor starts fresh environments).
    // Not an async function: a warm invoke's code is ready, and each async layer costs the gateway's thread a
    // promise and a microtask turn per invoke.
    try {
      const prepared = this.#code.prepare(spec);
      if (prepared instanceof Promise) return prepared.then((code) => this.#invokePrepared(spec, code, request));
      return this.#invokePrepared(spec, prepared, request);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #invokePrepared(spec: FunctionSpec, code: PreparedCode, request: InvokeRequest): Promise<InvokeResult> {
    if (code.kind === 'build-failed') {
      const { payload, errorType, errorMessage } = code.failure;
      const failure: PlatformError = { payload, errorType, errorMessage, reason: 'init' };
      return Promise.resolve(this.#failBeforeInvoke(spec, undefined, request.requestId ?? randomUUID(), failure));
    }
    const fn = code.fn;
    const pool = this.#poolFor(fn);
    const throttled = this.#throttle(fn, pool);
    if (throttled !== undefined) return Promise.resolve(throttled);
    return this.#invokeOnEnvironment(fn, pool, request, request.requestId ?? randomUUID());
  }

  async recycle(functionLogicalIds?: readonly string[]): Promise<void> {
    this.#threads?.forget();
    const idle: ExecutionEnvironment[] = [];
    for (const [logicalId, pool] of this.#pools) {
      if (functionLogicalIds === undefined || functionLogicalIds.includes(logicalId)) idle.push(...pool.retireAll());
    }
    await Promise.all(idle.map((env) => env.dispose()));
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    clearInterval(this.#reaper);
    const all = [...this.#pools.values()].flatMap((pool) => [...pool.environments]);
    await Promise.all([...all.map((env) => env.dispose()), this.#spares.dispose()]);
    await this.#ownCode?.dispose();
  }

  /** AWS: 429 TooManyRequestsException `Rate Exceeded.` (recorded: LS test_lambda_concurrency_block). */
  #throttle(fn: FunctionSpec, pool: FunctionPool): InvokeResult | undefined {
    if (fn.reservedConcurrency !== undefined && pool.inFlight >= fn.reservedConcurrency) {
      return serviceError(429, 'TooManyRequestsException', 'Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    if (this.#inFlight >= this.#maxEnvironments) {
      return serviceError(429, 'TooManyRequestsException', 'Rate Exceeded.', 'ConcurrentInvocationLimitExceeded');
    }
    return undefined;
  }

  async #invokeOnEnvironment(
    fn: FunctionSpec,
    pool: FunctionPool,
    request: InvokeRequest,
    requestId: string,
  ): Promise<InvokeResult> {
    pool.inFlight++;
    this.#inFlight++;
    try {
      const event = createInvocationEvent(fn, request, requestId, { region: this.#region, accountId: this.#accountId });
      // One retry: a warm environment may exit (e.g. after an unhandled rejection) before it takes the event.
      for (let attempt = 0; ; attempt++) {
        let env = pool.takeWarm();
        const cold = env === undefined;
        if (env === undefined) {
          const started = await this.#coldStart(fn, pool, requestId);
          if (!(started instanceof ExecutionEnvironment)) return started;
          env = started;
        }
        // Only the invoke that cold-started an environment has it claimed; a warm one never is (isAvailable).
        if (cold) pool.claimed.delete(env);
        const record = await env.invoke(event, () => this.#log(fn, env, requestId, 'platform', startLine(requestId)));
        if (record.outcome.kind === 'environment-lost' && attempt === 0) continue;
        // The function's last lines were written (synchronously, to a pipe) before its response, but reach this
        // process on another pipe: let this poll phase deliver them so they land before END, as on AWS (§1.3).
        // A thread sends them on its Runtime API port, ahead of the response: they are already here.
        if (!env.inThread) await new Promise<void>((resolve) => setImmediate(resolve));
        const result = this.#complete(fn, env, requestId, record);
        // A cold start's request is answered: now a spare may start without slowing it down.
        if (cold) this.#spares.refillAfter(Promise.resolve());
        if (pool.retired.has(env) || this.#disposed) void env.dispose();
        return result;
      }
    } finally {
      pool.inFlight--;
      this.#inFlight--;
    }
  }

  /** Starts an environment and waits for init (its own phase, lambda.md §1.2); init failures end the invoke. */
  async #coldStart(fn: FunctionSpec, pool: FunctionPool, requestId: string): Promise<ExecutionEnvironment | InvokeResult> {
    const launch = resolveRuntimeLaunch(fn);
    if (launch.kind === 'unsupported') {
      return serviceError(
        502,
        'InvalidRuntimeException',
        `The runtime parameter of ${fn.runtime} is not supported by gatehouse.`,
      );
    }
    if (launch.kind === 'invalid-entrypoint') {
      const failure = platformError({ kind: 'invalid-entrypoint', text: launch.text }, requestId, fn.timeoutSeconds);
      return this.#failBeforeInvoke(fn, undefined, requestId, failure);
    }
    await this.#makeRoom();
    const inThread = this.#runtimeApiPipe && launch.thread !== undefined && (await this.#threads?.mayUseThread(fn)) === true;
    const env = await ExecutionEnvironment.start({
      fn,
      launch,
      region: this.#region,
      envOverrides: this.options.envOverrides,
      initTimeoutMs: this.options.initTimeoutMs ?? 10_000,
      runtimeApiPipe: this.#runtimeApiPipe,
      inThread,
      spare: this.#runtimeApiPipe ? this.#spares.take(fn, launch, inThread) : undefined,
      onOutput: (source, line, id) => this.#log(fn, source, id, 'function', line),
      onDead: (dead) => pool.environments.delete(dead),
    });
    // Spares start once this request is answered (above), or a while after init for a long first invoke.
    this.#spares.refillAfter(env.initialized.then((init) => (init.kind === 'ready' ? delay(SPARE_REFILL_DELAY_MS) : undefined)));
    pool.environments.add(env);
    pool.claimed.add(env);
    const init = await env.initialized;
    if (init.kind === 'ready') return env;
    pool.claimed.delete(env);
    const failure =
      init.kind === 'init-error'
        ? runtimeReportedError(init.body, init.errorType, 'init')
        : platformError(init, requestId, fn.timeoutSeconds);
    return this.#failBeforeInvoke(fn, env, requestId, failure);
  }

  #failBeforeInvoke(
    fn: FunctionSpec,
    env: ExecutionEnvironment | undefined,
    requestId: string,
    failure: PlatformError,
  ): InvokeResult {
    const report: InvokeReport = {
      requestId,
      environmentId: env?.id ?? '',
      coldStart: true,
      initDurationMs: env?.initDurationMs ?? 0,
      durationMs: 0,
      billedDurationMs: 0,
      memorySizeMb: fn.memorySizeMb,
      maxMemoryUsedMb: 0,
    };
    this.#log(fn, env, requestId, 'platform', startLine(requestId));
    this.#logEnd(fn, env, report);
    return { kind: 'function-error', ...failure, report };
  }

  #complete(fn: FunctionSpec, env: ExecutionEnvironment, requestId: string, record: InvocationRecord): InvokeResult {
    const report = invokeReport(fn, env, requestId, record);
    env.coldStart = false;
    const { outcome } = record;
    if (outcome.kind === 'timeout') {
      this.#log(fn, env, requestId, 'platform', timeoutLine(requestId, timeoutText(fn.timeoutSeconds), new Date()));
    }
    this.#logEnd(fn, env, report);
    switch (outcome.kind) {
      case 'response':
        return successResult(outcome.body, report);
      case 'error':
        return { kind: 'function-error', ...runtimeReportedError(outcome.body, outcome.errorType, 'handler'), report };
      case 'response-too-large':
        return { kind: 'function-error', ...responseTooLargeError(), report };
      case 'environment-lost':
        return {
          kind: 'function-error',
          ...platformError({ kind: 'exit', exitCode: 0, signal: null }, requestId, fn.timeoutSeconds),
          report,
        };
      default:
        return { kind: 'function-error', ...platformError(outcome, requestId, fn.timeoutSeconds), report };
    }
  }

  #poolFor(fn: FunctionSpec): FunctionPool {
    const key = functionSpecKey(fn);
    let pool = this.#pools.get(fn.logicalId);
    if (pool === undefined) {
      pool = new FunctionPool(key);
      this.#pools.set(fn.logicalId, pool);
    } else if (pool.specKey !== key) {
      // The function changed (hot reload): new requests go to fresh environments, in-flight ones finish.
      pool.specKey = key;
      for (const env of pool.retireAll()) void env.dispose();
    }
    return pool;
  }

  /** Keeps live environments under the limit by shutting down the least recently used idle one. */
  async #makeRoom(): Promise<void> {
    const all = [...this.#pools.values()].flatMap((pool) => [...pool.environments].map((env) => ({ pool, env })));
    if (all.length < this.#maxEnvironments) return;
    const idle = all.filter(({ pool, env }) => pool.isAvailable(env)).sort((a, b) => a.env.lastUsedAt - b.env.lastUsedAt);
    const oldest = idle[0];
    if (oldest !== undefined) await oldest.env.dispose();
  }

  #reapIdle(): void {
    const cutoff = Date.now() - this.#idleTimeoutMs;
    for (const pool of this.#pools.values()) {
      for (const env of pool.environments) {
        if (pool.isAvailable(env) && env.lastUsedAt < cutoff) void env.dispose();
      }
    }
  }

  /** END and REPORT are written at one moment: one clock read for both (Date.now is a call into V8's runtime). */
  #logEnd(fn: FunctionSpec, env: ExecutionEnvironment | undefined, report: InvokeReport): void {
    const at = Date.now();
    this.#log(fn, env, report.requestId, 'platform', endLine(report.requestId), at);
    this.#log(fn, env, report.requestId, 'platform', reportLine(report), at);
  }

  #log(
    fn: FunctionSpec,
    env: ExecutionEnvironment | undefined,
    requestId: string | undefined,
    kind: 'platform' | 'function',
    text: string,
    at = Date.now(),
  ): void {
    try {
      this.#sink({ functionName: fn.functionName, environmentId: env?.id ?? '', requestId, kind, text, at });
    } catch {
      // A broken sink must not break invokes.
    }
  }
}

/** Two literals rather than a conditional spread, which V8 builds the slow way (this runs on every invoke). */
function invokeReport(fn: FunctionSpec, env: ExecutionEnvironment, requestId: string, record: InvocationRecord): InvokeReport {
  const { durationMs, maxMemoryUsedMb } = record;
  const billed = billedDurationMs(durationMs);
  const environmentId = env.id;
  const memorySizeMb = fn.memorySizeMb;
  if (!env.coldStart) {
    return { requestId, environmentId, coldStart: false, durationMs, billedDurationMs: billed, memorySizeMb, maxMemoryUsedMb };
  }
  const initDurationMs = env.initDurationMs;
  return {
    requestId,
    environmentId,
    coldStart: true,
    initDurationMs,
    durationMs,
    billedDurationMs: billed,
    memorySizeMb,
    maxMemoryUsedMb,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function spareEnvironmentsOption(value: number | undefined): number {
  if (value !== undefined) return Math.max(0, Math.floor(value));
  const fromEnv = Number.parseInt(process.env.GATEHOUSE_SPARE_ENVIRONMENTS ?? '', 10);
  return Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : 1;
}

function isolationOption(value: Isolation | undefined): Isolation {
  if (value !== undefined) return value;
  return process.env.GATEHOUSE_ISOLATION === 'process' ? 'process' : 'thread';
}

function serviceError(status: number, errorType: string, message: string, reason?: string): InvokeResult {
  return { kind: 'service-error', status, errorType, message, ...(reason !== undefined ? { reason } : {}) };
}
