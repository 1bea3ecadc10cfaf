import type { ServerResponse } from 'node:http';
import type { EnvironmentState } from './environment-state.js';

/** One event handed to the runtime by GET /next (RIE `interop.Invoke`). */
export interface InvocationEvent {
  readonly requestId: string;
  readonly payload: Buffer;
  readonly invokedFunctionArn: string;
  /** The deadline is computed when /next returns (lambda.md §1.2), from this timeout. */
  readonly timeoutMs: number;
  readonly traceId?: string;
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
  readonly contentType?: string;
}

/** What the Runtime API tells the execution environment that owns it. */
export interface RuntimeApiEvents {
  /** GET /next arrived: the first one ends init; later ones end the previous invoke (lambda.md §1.3). */
  onNext(): void;
  onInvocationDelivered(requestId: string, deadlineMs: number): void;
  onInvocationResponse(requestId: string, body: Buffer): void;
  /** The runtime posted more than 6,291,556 bytes (lambda.md §2.2). */
  onResponseTooLarge(requestId: string): void;
  onInvocationError(requestId: string, body: Buffer, errorType: string | undefined): void;
  onInitError(body: Buffer, errorType: string | undefined): void;
}

/** The state one endpoint handler may read and change. */
export interface RuntimeApiContext {
  readonly state: EnvironmentState;
  readonly events: RuntimeApiEvents;
  /** The id RIE's AwsRequestIDValidator compares against; it stays set after the response is sent. */
  readonly currentInvokeId: string | undefined;
  /** True while a GET /next is waiting for an event. */
  readonly hasParkedNext: boolean;
  /** Holds the /next response until an event is queued (or sends it at once when one is). */
  parkNext(res: ServerResponse): void;
}
