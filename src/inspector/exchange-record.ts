import { formatExplanation } from '../failures/explain.js';
import { executionLogOf } from '../logs/execution-log.js';
import { type ExplanationRecord, explanationRecords } from '../logs/explanation-record.js';
import { type GatewayRequest, headerValue } from '../pipeline/http-message.js';
import type { CacheTrace, StageName, Trace } from '../pipeline/trace.js';
import type { Exchange } from '../server/gateway.js';
import { BODY_PREVIEW_BYTES, type BodyPreview, previewBody } from './body-preview.js';

/** A request body larger than this is shown (capped) but not kept whole, so it cannot be replayed. */
export const REPLAY_BODY_LIMIT = 1024 * 1024;

/** One row of the inspector's list: small, sent to every browser over server-sent events. */
export interface ExchangeSummary {
  readonly id: number;
  /** The exchange this one replayed. */
  readonly replayOf?: number;
  readonly time: number;
  readonly method: string;
  readonly target: string;
  readonly status: number;
  readonly ms: number;
  readonly api?: NonNullable<Trace['api']>;
  readonly coldStart?: boolean;
  readonly cache?: CacheTrace['outcome'];
  readonly failureCode?: string;
  readonly noticeCodes: readonly string[];
}

/** Text that may be long (a Lambda event, a raw result), cut to the preview size. */
export interface CappedText {
  readonly text: string;
  readonly size: number;
  readonly truncated: boolean;
}

export interface TraceEntryRecord {
  readonly stage: StageName;
  readonly outcome: 'ok' | 'failed';
  readonly ms: number;
  readonly notes: readonly string[];
  readonly failureCode?: string;
}

/** Everything the detail pane shows for one exchange (GET /_gatehouse/inspector/api/exchanges/:id). */
export interface ExchangeDetail extends ExchangeSummary {
  readonly requestId: string;
  readonly request: {
    readonly method: string;
    readonly target: string;
    readonly protocol: string;
    readonly sourceIp: string;
    readonly headers: readonly (readonly [string, string])[];
    readonly body: BodyPreview;
  };
  readonly response: {
    readonly status: number;
    readonly headers: readonly (readonly [string, string])[];
    readonly body: BodyPreview;
  };
  readonly trace: readonly TraceEntryRecord[];
  readonly executionLog: ReturnType<typeof executionLogOf>;
  readonly lambda?: {
    readonly functionName: string;
    readonly coldStart?: boolean;
    readonly durationMs?: number;
    readonly lambdaRequestId?: string;
    readonly handlerLocation?: string;
    readonly eventBytes: number;
    readonly event: CappedText;
    readonly rawResult?: CappedText;
    readonly functionError?: { readonly errorType: string; readonly errorMessage: string; readonly reason: string };
  };
  readonly explanations: readonly ExplanationRecord[];
  /** The explanation exactly as the terminal prints it. */
  readonly explanationText?: string;
  readonly cacheTrace?: CacheTrace;
  /** False when the request body was too large to keep whole. */
  readonly replayable: boolean;
}

/** What the store keeps per exchange: the detail, the request to replay, and roughly how many bytes both hold. */
export interface StoredExchange {
  readonly summary: ExchangeSummary;
  readonly detail: ExchangeDetail;
  readonly replay?: GatewayRequest;
  readonly bytes: number;
}

export function recordExchange(exchange: Exchange, id: number, replayOf?: number): StoredExchange {
  return new RecordedExchange(exchange, summarize(exchange, id, replayOf));
}

/**
 * One row of the list. Optional fields are added one by one in the row's order rather than spread in: this runs
 * for every request, and spreads of `{}` cost a copy each.
 */
function summarize(exchange: Exchange, id: number, replayOf: number | undefined): ExchangeSummary {
  const { request, response, trace } = exchange;
  const summary: { -readonly [K in keyof ExchangeSummary]: ExchangeSummary[K] } = { id } as ExchangeSummary;
  if (replayOf !== undefined) summary.replayOf = replayOf;
  summary.time = trace.startedAt;
  summary.method = request.method;
  summary.target = request.target;
  summary.status = response.status;
  summary.ms = exchange.ms;
  if (trace.api) summary.api = trace.api;
  if (trace.lambda?.coldStart !== undefined) summary.coldStart = trace.lambda.coldStart;
  if (trace.cache) summary.cache = trace.cache.outcome;
  if (trace.failure) summary.failureCode = trace.failure.code;
  summary.noticeCodes = trace.notices.length === 0 ? NO_NOTICES : trace.notices.map((n) => n.code);
  return summary;
}

/** Shared by every summary without notices (most of them): the store keeps 2000 rows, each alive for a while. */
const NO_NOTICES: readonly string[] = Object.freeze([]);

/**
 * What the store keeps of one exchange. Everything kept here lives through the young generation's collections
 * (the store holds 2000 of them), which is where most of the inspector's cost per request goes: so the record is one
 * object with fields, not closures over a context, and it keeps no copy it does not need.
 */
class RecordedExchange implements StoredExchange {
  readonly summary: ExchangeSummary;
  declare readonly replay?: GatewayRequest;
  readonly bytes: number;
  readonly #exchange: Exchange;
  readonly #requestBody: KeptBody;
  readonly #responseBody: KeptBody;
  readonly #explanationText: string | undefined;
  readonly #explanations: readonly ExplanationRecord[] | undefined;
  #detail: ExchangeDetail | undefined;
  /**
   * The raw result the detail was built with: one that arrives after the integration timeout completes the trace's
   * Lambda record later (pipeline/context.ts recordLambda), and the detail is built again to show it.
   */
  #detailRawResult: string | undefined;

  constructor(exchange: Exchange, summary: ExchangeSummary) {
    const { request, response, trace } = exchange;
    this.summary = summary;
    this.#exchange = exchange;
    const replay = replayOf(request);
    if (replay) this.replay = replay;
    // The detail is built when a browser asks for it (most exchanges of a load test never are): what it reads is
    // kept now, bodies cut to what the preview shows. Explanations read the working directory, so they are taken
    // now; a request without a failure or a notice has none (formatExplanation and explanationRecords say so too).
    this.#requestBody = keptForPreview(replay ? replay.body : request.body);
    this.#responseBody = keptForPreview(response.body);
    const explained = trace.failure !== undefined || trace.notices.length > 0;
    this.#explanationText = explained ? formatExplanation(exchange) : undefined;
    this.#explanations = explained ? explanationRecords(exchange) : undefined;
    // What the detail will hold, estimated without building it: the previews' base64, the event (its JSON size
    // stands in for the indented text) and the raw result, both capped as the detail caps them.
    this.bytes =
      base64Length(this.#requestBody.kept.length) +
      base64Length(this.#responseBody.kept.length) +
      Math.min(trace.lambda?.eventBytes ?? 0, BODY_PREVIEW_BYTES) +
      Math.min(trace.lambda?.rawResult?.length ?? 0, BODY_PREVIEW_BYTES) +
      (replay?.body.length ?? 0) +
      2048;
  }

  get detail(): ExchangeDetail {
    const rawResult = this.#exchange.trace.lambda?.rawResult;
    if (this.#detail === undefined || this.#detailRawResult !== rawResult) {
      this.#detailRawResult = rawResult;
      this.#detail = this.#buildDetail();
    }
    return this.#detail;
  }

  #buildDetail(): ExchangeDetail {
    const exchange = this.#exchange;
    const { request, response, trace } = exchange;
    const lambda = trace.lambda ? recordLambda(trace.lambda) : undefined;
    const explanationText = this.#explanationText;
    return {
      ...this.summary,
      requestId: trace.requestId,
      request: {
        method: request.method,
        target: request.target,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        headers: request.headers,
        body: previewKept(this.#requestBody, headerValue(request.headers, 'content-type')),
      },
      response: {
        status: response.status,
        headers: response.headers,
        body: previewKept(this.#responseBody, headerValue(response.headers, 'content-type')),
      },
      trace: trace.entries.map((e) => ({
        stage: e.stage,
        outcome: e.outcome,
        ms: e.ms,
        notes: e.notes,
        ...(e.outcome === 'failed' ? { failureCode: e.failure.code } : {}),
      })),
      executionLog: executionLogOf(exchange),
      ...(lambda ? { lambda } : {}),
      explanations: this.#explanations ?? [],
      ...(explanationText === undefined ? {} : { explanationText }),
      ...(trace.cache ? { cacheTrace: trace.cache } : {}),
      replayable: this.replay !== undefined,
    };
  }
}

/**
 * The request to replay: undefined when its body is too large to keep. A body is copied, so the store never pins a
 * large buffer through a slice of it; a request without a body is kept as it is (the exchange holds it anyway).
 */
function replayOf(request: GatewayRequest): GatewayRequest | undefined {
  if (request.body.length === 0) return request;
  return request.body.length <= REPLAY_BODY_LIMIT ? { ...request, body: Buffer.from(request.body) } : undefined;
}

interface KeptBody {
  /** The first BODY_PREVIEW_BYTES bytes, never a view of a larger buffer. */
  readonly kept: Buffer;
  readonly size: number;
}

/** Node's pool slab (Buffer.poolSize): small buffers share one; pinning it costs at most this much. */
const POOL_SLAB_BYTES = 8 * 1024;

/** What the preview keeps of every empty body (most requests'): shared rather than one record per exchange. */
const EMPTY_BODY: KeptBody = { kept: Buffer.alloc(0), size: 0 };

function keptForPreview(body: Buffer): KeptBody {
  if (body.length === 0) return EMPTY_BODY;
  const kept =
    body.length > BODY_PREVIEW_BYTES
      ? Buffer.from(body.subarray(0, BODY_PREVIEW_BYTES))
      : body.byteLength < body.buffer.byteLength && body.buffer.byteLength > POOL_SLAB_BYTES
        ? Buffer.from(body)
        : body;
  return { kept, size: body.length };
}

/** The same preview previewBody makes of the whole body. */
function previewKept(body: KeptBody, contentType: string | undefined): BodyPreview {
  return previewBody(body.kept, contentType, BODY_PREVIEW_BYTES, body.size);
}

function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

function recordLambda(lambda: NonNullable<Trace['lambda']>): NonNullable<ExchangeDetail['lambda']> {
  return {
    functionName: lambda.functionName,
    ...(lambda.coldStart === undefined ? {} : { coldStart: lambda.coldStart }),
    ...(lambda.durationMs === undefined ? {} : { durationMs: lambda.durationMs }),
    ...(lambda.lambdaRequestId === undefined ? {} : { lambdaRequestId: lambda.lambdaRequestId }),
    ...(lambda.handlerLocation === undefined ? {} : { handlerLocation: lambda.handlerLocation }),
    eventBytes: lambda.eventBytes,
    event: capText(lambda.event === undefined ? '' : JSON.stringify(lambda.event, null, 2)),
    ...(lambda.rawResult === undefined ? {} : { rawResult: capText(lambda.rawResult) }),
    ...(lambda.functionError ? { functionError: lambda.functionError } : {}),
  };
}

export function capText(text: string, limit = BODY_PREVIEW_BYTES): CappedText {
  return text.length > limit
    ? { text: text.slice(0, limit), size: text.length, truncated: true }
    : { text, size: text.length, truncated: false };
}
