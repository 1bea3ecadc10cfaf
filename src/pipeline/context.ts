import { performance } from 'node:perf_hooks';
import { failures, type NoticeCode } from '../failures/catalogue.js';
import { GatewayError } from '../failures/gateway-error.js';
import type { SourceRef } from '../model/source-ref.js';
import type { CacheTrace, Failure, LambdaExchange, Notice, StageName, Trace, TraceEntry } from './trace.js';

/** One phase of the pipeline: a typed input, a typed output. */
export interface Stage<In, Out> {
  readonly name: StageName;
  run(input: In, ctx: InvocationContext): Promise<Out> | Out;
}

/** A phase that always answers synchronously (most do): `ctx.step` hands back its output itself, not a promise. */
export interface SyncStage<In, Out> extends Stage<In, Out> {
  run(input: In, ctx: InvocationContext): Out;
}

/**
 * Carries the trace of one request through the pipeline. Only `step` records timings and outcomes;
 * phases add execution-log lines with `note` and surprises with `notice`.
 */
export class InvocationContext {
  readonly requestId: string;
  readonly startedAt = Date.now();
  private readonly entries: TraceEntry[] = [];
  private readonly awsLog: string[] = [];
  private readonly notices: Notice[] = [];
  private currentNotes: string[] = [];
  private failure: Failure | undefined;
  private lambda: LambdaExchange | undefined;
  private api: Trace['api'];
  private cache: CacheTrace | undefined;

  constructor(requestId: string) {
    this.requestId = requestId;
  }

  /**
   * Runs one phase and records it. A phase that answers synchronously is recorded at once and its output (or its
   * throw) comes back synchronously: the pipeline runs its synchronous phases without a promise and a microtask
   * each (about ten per request). A phase that returns a promise gets a promise back.
   */
  step<In, Out>(stage: SyncStage<In, Out>, input: In): Out;
  step<In, Out>(stage: Stage<In, Out>, input: In): Promise<Out> | Out;
  step<In, Out>(stage: Stage<In, Out>, input: In): Promise<Out> | Out {
    const started = performance.now();
    this.currentNotes = [];
    let out: Promise<Out> | Out;
    try {
      out = stage.run(input, this);
    } catch (error) {
      throw this.#failed(stage, started, error);
    }
    if (!isPromise(out)) {
      this.#succeeded(stage, started);
      return out;
    }
    return out.then(
      (value) => {
        this.#succeeded(stage, started);
        return value;
      },
      (error: unknown) => {
        throw this.#failed(stage, started, error);
      },
    );
  }

  #succeeded(stage: Stage<unknown, unknown>, started: number): void {
    this.entries.push({ stage: stage.name, outcome: 'ok', ms: performance.now() - started, notes: this.currentNotes });
  }

  /** Records a GatewayError as the step's failure; returns the error to rethrow. */
  #failed(stage: Stage<unknown, unknown>, started: number, error: unknown): unknown {
    const ms = performance.now() - started;
    if (error instanceof GatewayError) {
      const failure = this.fail(error);
      this.entries.push({ stage: stage.name, outcome: 'failed', ms, notes: this.currentNotes, failure });
    }
    return error;
  }

  /** An execution-log line, worded as AWS writes it. */
  note(line: string): void {
    this.currentNotes.push(line);
    this.awsLog.push(line);
  }

  notice(code: NoticeCode, detail: string, source?: SourceRef): void {
    this.notices.push(source ? { code, detail, source } : { code, detail });
  }

  /**
   * Adds what is known so far about the Lambda side: called before and after the invoke, and once more when the
   * result arrives after the integration timeout. By then the response is sent and its trace handed out (to the
   * inspector, among others), so the record is completed in place, where that trace sees it. An undefined field
   * is one not known (yet): it is left out.
   */
  recordLambda(exchange: { readonly [K in keyof LambdaExchange]?: LambdaExchange[K] | undefined }): void {
    this.lambda ??= { functionName: '', event: undefined, eventBytes: 0 };
    const record = this.lambda as unknown as Record<string, unknown>;
    for (const key in exchange) {
      const value = exchange[key as keyof LambdaExchange];
      if (value !== undefined) record[key] = value;
    }
  }

  recordApi(api: NonNullable<Trace['api']>): void {
    this.api = api;
  }

  /** How the stage cache took part (see pipeline/rest/stage-cache.ts). */
  recordCache(cache: CacheTrace): void {
    this.cache = cache;
  }

  /** True when the request already has something to explain (a failure or a notice). */
  hasExplanation(): boolean {
    return this.failure !== undefined || this.notices.length > 0;
  }

  private fail(error: GatewayError): Failure {
    const spec = failures[error.code];
    const failure: Failure = {
      code: error.code,
      detail: error.detail,
      fields: error.fields,
      ...(error.source ? { source: error.source } : {}),
    };
    this.failure = failure;
    if (spec.awsLog) this.note(fillPlaceholders(spec.awsLog, error.fields));
    return failure;
  }

  /** Records a failure raised outside a step (e.g. while writing the gateway response). */
  recordFailure(error: GatewayError): Failure {
    return this.fail(error);
  }

  trace(): Trace {
    // Optional fields are added one by one (absent ones left out), in this order, rather than spread in.
    const trace: { -readonly [K in keyof Trace]: Trace[K] } = {
      requestId: this.requestId,
      startedAt: this.startedAt,
      entries: this.entries,
      awsLog: this.awsLog,
      notices: this.notices,
    };
    if (this.failure) trace.failure = this.failure;
    if (this.lambda) trace.lambda = this.lambda;
    if (this.api) trace.api = this.api;
    if (this.cache) trace.cache = this.cache;
    return trace;
  }
}

function isPromise<T>(value: Promise<T> | T): value is Promise<T> {
  return value instanceof Promise;
}

export function fillPlaceholders(template: string, fields: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => fields[key] ?? whole);
}
