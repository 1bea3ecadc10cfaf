import type { FunctionErrorReason } from '../runtime.js';
import type { EnvironmentFailure } from './execution-environment.js';

/**
 * Error documents the platform writes itself when the runtime never reports (lambda.md §2.5; RIE
 * `internal/lambda/rapid/handlers.go`, `interop/model.go`): `{"errorType", "errorMessage": "RequestId: <id> Error: <text>"}`.
 */
export interface PlatformError {
  readonly payload: Buffer;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly reason: FunctionErrorReason;
}

export function platformError(failure: EnvironmentFailure, requestId: string, timeoutSeconds: number): PlatformError {
  switch (failure.kind) {
    case 'timeout':
      // Recorded: LS test_lambda_invoke_with_timeout, `Task timed out after 1.00 seconds` (%.2f).
      return document('Sandbox.Timedout', requestId, timeoutText(timeoutSeconds), 'timeout');
    case 'out-of-memory':
      // Recorded: adobe/helix-html2md-service #1001; RIE shutdown.go OomKilled → Runtime.OutOfMemory.
      return document('Runtime.OutOfMemory', requestId, 'Runtime exited with error: signal: killed', 'out-of-memory');
    case 'invalid-entrypoint':
      // Recorded: awslabs/aws-lambda-dart-runtime #20.
      return document('Runtime.InvalidEntrypoint', requestId, failure.text, 'invalid-entrypoint');
    case 'exit':
      return document('Runtime.ExitError', requestId, exitText(failure.exitCode, failure.signal), 'runtime-exit');
  }
}

/** `Task timed out after N.NN seconds`. */
export function timeoutText(timeoutSeconds: number): string {
  return `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/**
 * Recorded (LS test_lambda_too_large_response): no `RequestId:` prefix, and `errorMessage` comes first.
 */
export function responseTooLargeError(): PlatformError {
  const errorMessage = 'Response payload size exceeded maximum allowed payload size (6291556 bytes).';
  const errorType = 'Function.ResponseSizeTooLarge';
  return {
    payload: Buffer.from(JSON.stringify({ errorMessage, errorType })),
    errorType,
    errorMessage,
    reason: 'response-too-large',
  };
}

/** The runtime's own document (posted to /error or /init/error), passed through byte for byte. */
export function runtimeReportedError(
  body: Buffer,
  errorTypeHeader: string | undefined,
  reason: FunctionErrorReason,
): PlatformError {
  let errorType = errorTypeHeader ?? 'Unhandled';
  let errorMessage = '';
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object') {
      const doc = parsed as { errorType?: unknown; errorMessage?: unknown };
      if (typeof doc.errorType === 'string') errorType = doc.errorType;
      if (typeof doc.errorMessage === 'string') errorMessage = doc.errorMessage;
    }
  } catch {
    // Not JSON: the payload is still passed through unchanged.
  }
  return { payload: body, errorType, errorMessage, reason };
}

/**
 * Go's `os.ProcessState.String()`, which RIE prints: `exit status N`, `signal: killed`,
 * `signal: segmentation fault (core dumped)` (recorded: LS test_lambda_runtime_exit, aws-lambda-cpp #30).
 */
function exitText(exitCode: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `Runtime exited with error: signal: ${describeSignal(signal)}`;
  if (exitCode === 0 || exitCode === null) return 'Runtime exited without providing a reason';
  return `Runtime exited with error: exit status ${exitCode}`;
}

/** Go's signal names; the core-dumping signals carry ` (core dumped)` as recorded on AWS. */
const signalNames: Readonly<Partial<Record<NodeJS.Signals, string>>> = {
  SIGKILL: 'killed',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
  SIGHUP: 'hangup',
  SIGPIPE: 'broken pipe',
  SIGUSR1: 'user defined signal 1',
  SIGUSR2: 'user defined signal 2',
  SIGALRM: 'alarm clock',
  SIGABRT: 'aborted (core dumped)',
  SIGSEGV: 'segmentation fault (core dumped)',
  SIGBUS: 'bus error (core dumped)',
  SIGFPE: 'floating point exception (core dumped)',
  SIGILL: 'illegal instruction (core dumped)',
  SIGQUIT: 'quit (core dumped)',
  SIGTRAP: 'trace/breakpoint trap (core dumped)',
  SIGSYS: 'bad system call (core dumped)',
};

function describeSignal(signal: NodeJS.Signals): string {
  return signalNames[signal] ?? signal;
}

function document(errorType: string, requestId: string, text: string, reason: FunctionErrorReason): PlatformError {
  const errorMessage = `RequestId: ${requestId} Error: ${text}`;
  return { payload: Buffer.from(JSON.stringify({ errorType, errorMessage })), errorType, errorMessage, reason };
}
