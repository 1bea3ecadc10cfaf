import type { FunctionLogLine, FunctionLogSink } from '../runtime/runtime.js';

/** AWS: `X-Amz-Log-Result` carries "the last 4 KB of the execution log" (API_Invoke.html, lambda.md §3.2). */
export const LOG_TAIL_BYTES = 4 * 1024;

/**
 * Collects the log lines of the invocations someone asked for (`track`), so the Invoke API can answer
 * `LogType: Tail`. Feed `sink` to the runtime's `logSink`. Lines of untracked request ids are ignored, and a
 * tracked invocation keeps only about its last 4 KB, so memory stays bounded.
 */
export class InvocationLogs {
  readonly #tracked = new Map<string, { lines: string[]; bytes: number }>();

  readonly sink: FunctionLogSink = (line: FunctionLogLine) => {
    if (line.requestId === undefined) return;
    const entry = this.#tracked.get(line.requestId);
    if (entry === undefined) return;
    // As CloudWatch and LogResult hold them: one event per line, each ending in a newline (LS test_invocation_with_logs).
    const text = `${line.text}\n`;
    entry.lines.push(text);
    entry.bytes += Buffer.byteLength(text);
    while (entry.lines.length > 1 && entry.bytes - Buffer.byteLength(entry.lines[0] as string) >= LOG_TAIL_BYTES) {
      entry.bytes -= Buffer.byteLength(entry.lines.shift() as string);
    }
  };

  /** Starts keeping the lines of this request id (call before invoking). */
  track(requestId: string): void {
    this.#tracked.set(requestId, { lines: [], bytes: 0 });
  }

  /** Stops keeping the lines of this request id and returns the last 4 KB of them, base64-encoded. */
  release(requestId: string): string {
    const entry = this.#tracked.get(requestId);
    this.#tracked.delete(requestId);
    const text = Buffer.from(entry?.lines.join('') ?? '', 'utf8');
    return text.subarray(Math.max(0, text.length - LOG_TAIL_BYTES)).toString('base64');
  }
}

export function createInvocationLogs(): InvocationLogs {
  return new InvocationLogs();
}

/**
 * Output a function prints just before it answers can reach gatehouse a moment after the answer (its stdout
 * pipe and its Runtime API socket are read independently); one turn of the event loop lets it arrive.
 */
export function settleOutput(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
