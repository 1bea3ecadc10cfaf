import type { FunctionSpec } from '../model/function-spec.js';

/**
 * The one interface between the gateway (and `gatehouse invoke`, and the local Lambda endpoint) and
 * whatever runs function code. It speaks the Lambda Invoke API's vocabulary:
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export interface LambdaRuntime {
  /**
   * Invoke synchronously (InvocationType=RequestResponse). Never throws for anything the function does:
   * function failures are `function-error`, service rejections are `service-error`.
   */
  invoke(fn: FunctionSpec, request: InvokeRequest): Promise<InvokeResult>;
  /** Send new invokes of these functions to fresh environments (hot reload); in-flight invokes finish. */
  recycle(functionLogicalIds?: readonly string[]): Promise<void>;
  /** Stop every environment. */
  dispose(): Promise<void>;
}

export interface InvokeRequest {
  /** The event, as the Invoke API receives it (must be JSON). */
  readonly payload: Buffer;
  /** Lambda request id (a UUID); generated when absent. */
  readonly requestId?: string;
  /** X-Ray trace header, passed to the runtime as Lambda-Runtime-Trace-Id. */
  readonly traceId?: string;
  /** Client context JSON (Lambda-Runtime-Client-Context). */
  readonly clientContext?: string;
  /** Cognito identity JSON (Lambda-Runtime-Cognito-Identity). */
  readonly cognitoIdentity?: string;
  /** ARN as invoked; defaults to the unqualified function ARN. */
  readonly invokedFunctionArn?: string;
}

/** What the REPORT line says about one invoke. */
export interface InvokeReport {
  readonly requestId: string;
  readonly environmentId: string;
  readonly coldStart: boolean;
  /** Present only on a cold start (as the REPORT line's Init Duration). */
  readonly initDurationMs?: number;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
}

/**
 * Why a function error happened. `handler` = the runtime posted to /invocation/{id}/error;
 * the others are detected by the platform (RIE `rapid/handlers.go`) or by init.
 */
export type FunctionErrorReason =
  | 'handler'
  | 'init'
  | 'timeout'
  | 'runtime-exit'
  | 'out-of-memory'
  | 'response-too-large'
  | 'invalid-entrypoint';

export type InvokeResult =
  /** HTTP 200 from Invoke, no X-Amz-Function-Error: `payload` is what the function returned, serialised. */
  | { readonly kind: 'success'; readonly payload: Buffer; readonly report: InvokeReport }
  /**
   * HTTP 200 with `X-Amz-Function-Error: Unhandled`: `payload` is the error document as the caller sees it
   * (`{"errorType","errorMessage","trace"}` for Node), byte for byte.
   */
  | {
      readonly kind: 'function-error';
      readonly payload: Buffer;
      readonly errorType: string;
      readonly errorMessage: string;
      readonly reason: FunctionErrorReason;
      readonly report: InvokeReport;
    }
  /** The Invoke API itself refused (429 throttled, 413 request too large, 400 invalid JSON, ...). */
  | {
      readonly kind: 'service-error';
      readonly status: number;
      /** `TooManyRequestsException`, `RequestEntityTooLargeException`, `InvalidRequestContentException`, ... */
      readonly errorType: string;
      readonly message: string;
      /** e.g. `ReservedFunctionConcurrentInvocationLimitExceeded` for throttles. */
      readonly reason?: string;
    };

/** One line of function output or one platform line (START/END/REPORT), as CloudWatch would hold it. */
export interface FunctionLogLine {
  readonly functionName: string;
  readonly environmentId: string;
  /** `undefined` for output during init (the Node runtime prints the literal `undefined`). */
  readonly requestId: string | undefined;
  readonly kind: 'platform' | 'function';
  readonly text: string;
  readonly at: number;
}

export type FunctionLogSink = (line: FunctionLogLine) => void;
