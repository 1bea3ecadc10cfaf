import type { InvokeReport } from '../runtime.js';

/**
 * The platform's CloudWatch lines (lambda.md §7.1, recorded: LS test_invocation_with_logs, test_request_id_invoke).
 */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export function reportLine(report: InvokeReport): string {
  let line =
    `REPORT RequestId: ${report.requestId}\tDuration: ${report.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${report.billedDurationMs} ms\tMemory Size: ${report.memorySizeMb} MB\t` +
    `Max Memory Used: ${report.maxMemoryUsedMb} MB\t`;
  if (report.initDurationMs !== undefined) line += `Init Duration: ${report.initDurationMs.toFixed(2)} ms\t`;
  return line;
}

/** Classic-format timeout line (lambda.md §7.6): `<ISO date> <requestId> Task timed out after 1.00 seconds`. */
export function timeoutLine(requestId: string, text: string, at: Date): string {
  return `${at.toISOString()} ${requestId} ${text}`;
}

/** Lambda bills in 1 ms increments, rounded up. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}
