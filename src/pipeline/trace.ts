import type { FailureCode, GatewayFailureCode, NoticeCode } from '../failures/catalogue.js';
import type { SourceRef } from '../model/source-ref.js';

/** API Gateway's own phases, in the order a REST request goes through them. */
export type StageName =
  | 'parse-request'
  | 'cors-preflight'
  | 'route-request'
  | 'authorizer'
  | 'api-key'
  | 'throttle'
  | 'method-request'
  | 'stage-cache'
  | 'integration-request'
  | 'integration'
  | 'integration-response'
  | 'method-response'
  | 'route-response'
  | 'gateway-response';

/** Why the gateway answered by itself: the catalogue entry plus the precise cause. */
export interface Failure {
  readonly code: GatewayFailureCode;
  /** The offending field and value, e.g. `body is an object, must be a string`. */
  readonly detail: string;
  readonly fields: Readonly<Record<string, string>>;
  /** The place in the user's files to change, when known. */
  readonly source?: SourceRef;
}

/** A legal outcome that surprises people (base64 text instead of an image, ...). */
export interface Notice {
  readonly code: NoticeCode;
  readonly detail: string;
  readonly source?: SourceRef;
}

export type TraceEntry =
  | { readonly stage: StageName; readonly outcome: 'ok'; readonly ms: number; readonly notes: readonly string[] }
  | {
      readonly stage: StageName;
      readonly outcome: 'failed';
      readonly ms: number;
      readonly notes: readonly string[];
      readonly failure: Failure;
    };

/** What the Lambda side saw, kept for explanations, `inject()` and the inspector. */
export interface LambdaExchange {
  readonly functionName: string;
  readonly event: unknown;
  readonly eventBytes: number;
  /** The invoke result's payload as Lambda returned it (result or error document). */
  readonly rawResult?: string;
  readonly functionError?: { readonly errorType: string; readonly errorMessage: string; readonly reason: string };
  readonly lambdaRequestId?: string;
  readonly coldStart?: boolean;
  readonly durationMs?: number;
  /** Where the handler is defined (`src/report.mjs:3 (export handler)`), when it can be found. */
  readonly handlerLocation?: string;
}

/** How the stage cache took part in a request (REST only; absent when the method is not cached). */
export interface CacheTrace {
  /** `hit`: answered from the cache; `miss`: stored after the integration answered; `invalidated`: Cache-Control: max-age=0 honoured; `not-stored`: too large or not storable. */
  readonly outcome: 'hit' | 'miss' | 'invalidated' | 'not-stored';
  readonly key: string;
  readonly ttlSeconds: number;
  /** Age of the entry served, on a hit. */
  readonly ageSeconds?: number;
  /** The deployment that produced the entry served, on a hit. */
  readonly deploymentNumber?: number;
  /** Why `Cache-Control: max-age=0` was ignored, when it was. */
  readonly invalidationIgnored?: string;
}

/** The full record of one request. */
export interface Trace {
  readonly requestId: string;
  readonly startedAt: number;
  readonly entries: readonly TraceEntry[];
  /** The lines AWS would have written to the stage's execution log, in order. */
  readonly awsLog: readonly string[];
  readonly notices: readonly Notice[];
  readonly failure?: Failure;
  /** Completed in place when the function answers after the integration timeout (after the response). */
  readonly lambda?: LambdaExchange;
  readonly cache?: CacheTrace;
  /** Labels of what served the request, for the one-line summary. */
  readonly api?: {
    readonly type: 'REST' | 'HTTP';
    readonly id: string;
    readonly logicalId: string;
    readonly stage: string;
    /** REST resource path, or the HTTP API route key. */
    readonly resourcePath: string;
  };
}

export type { FailureCode };
