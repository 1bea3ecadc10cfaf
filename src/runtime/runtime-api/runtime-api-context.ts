import type { PostedPayload } from '../payload-text.js';
import type { EnvironmentState } from './environment-state.js';
import type { ReadBodyResult } from './read-body.js';

/** One event handed to the runtime by GET /next (RIE `interop.Invoke`). */
export interface InvocationEvent {
  readonly requestId: string;
  readonly payload: Buffer;
  readonly invokedFunctionArn: string;
  /** The deadline is computed when /next returns (lambda.md §1.2), from this timeout. */
  readonly timeoutMs: number;
  readonly traceId?: string;
  readonly clientContext?: string | undefined;
  readonly cognitoIdentity?: string | undefined;
  readonly contentType?: string;
}

/** What the Runtime API tells the execution environment that owns it. */
export interface RuntimeApiEvents {
  /** GET /next arrived: the first one ends init; later ones end the previous invoke (lambda.md §1.3). */
  onNext(): void;
  onInvocationDelivered(requestId: string, deadlineMs: number): void;
  /** The function's result: bytes, or the text a thread environment posted (made bytes only when read). */
  onInvocationResponse(requestId: string, body: PostedPayload): void;
  /** The runtime posted more than 6,291,556 bytes (lambda.md §2.2). */
  onResponseTooLarge(requestId: string): void;
  onInvocationError(requestId: string, body: Buffer, errorType: string | undefined): void;
  onInitError(body: Buffer, errorType: string | undefined): void;
}

/**
 * A GET /next that waits for an event, whatever carries it (an HTTP response held open, or a pipe frame).
 * `deliver` is called at most once.
 */
export interface NextWaiter {
  deliver(event: InvocationEvent, deadlineMs: number): void;
}

/**
 * One runtime request to a POST endpoint, whatever carried it. Transports differ only in how the body arrives:
 * HTTP streams it (and reads it only once the request is accepted), a pipe frame already holds it.
 */
export interface RuntimeApiRequest {
  /** The `{AwsRequestId}` path parameter; '' for endpoints without one. */
  readonly requestId: string;
  /** A request header by its lower-case name; undefined when absent or empty. */
  header(name: 'content-type' | 'lambda-runtime-function-error-type'): string | undefined;
  /** Reads the body, keeping at most `limit` bytes (RIE reads the body only after the checks pass). */
  readBody(limit: number): ReadBodyResult | Promise<ReadBodyResult>;
  /** The request was refused before its body was read: throw the body away. */
  discardBody(): void;
}

/** A Runtime API answer: status and the JSON body RIE renders (`rapi/rendering`). */
export interface RuntimeApiReply {
  readonly status: number;
  /** Serialised once, at module load: replies are constants or built from the refused transition. */
  readonly body: Buffer;
}

/** The state one endpoint operation may read and change: one per execution environment, shared by its transports. */
export interface RuntimeApiContext {
  readonly state: EnvironmentState;
  readonly events: RuntimeApiEvents;
  /** The id RIE's AwsRequestIDValidator compares against; it stays set after the response is sent. */
  readonly currentInvokeId: string | undefined;
  /** True while a GET /next is waiting for an event. */
  readonly hasParkedNext: boolean;
  /** Holds the /next until an event is queued (or delivers it at once when one is). */
  parkNext(waiter: NextWaiter): void;
  /** The waiting /next went away (its connection closed) before an event came. */
  releaseNext(waiter: NextWaiter): void;
}
