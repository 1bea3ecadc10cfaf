import { describe, expect, it } from 'vitest';
import { createInvocationLogs, LOG_TAIL_BYTES } from '../../src/lambda-service/index.js';
import type { FunctionLogLine } from '../../src/runtime/runtime.js';

// API_Invoke.html (lambda.md §3.2): with LogType Tail, X-Amz-Log-Result is "the last 4 KB of the execution log",
// base64-encoded; each CloudWatch line ends in a newline (recorded: LS test_invocation_with_logs).
const line = (requestId: string | undefined, text: string): FunctionLogLine => ({
  functionName: 'fn',
  environmentId: 'env',
  requestId,
  kind: 'function',
  text,
  at: 0,
});

describe('invocation log tail', () => {
  it('keeps the last 4 KB of a tracked invocation, ending with its last line', () => {
    // Prepare
    const logs = createInvocationLogs();
    logs.track('req-1');
    // Act
    for (let i = 0; i < 200; i++) logs.sink(line('req-1', `line ${i} ${'x'.repeat(40)}`));
    const tail = Buffer.from(logs.release('req-1'), 'base64').toString('utf8');
    // Assess
    expect(Buffer.byteLength(tail)).toBe(LOG_TAIL_BYTES);
    expect(tail.endsWith(`line 199 ${'x'.repeat(40)}\n`)).toBe(true);
  });

  it('ignores lines of other and untracked request ids, and forgets an invocation once released', () => {
    // Prepare
    const logs = createInvocationLogs();
    logs.track('mine');
    // Act
    logs.sink(line('mine', 'START RequestId: mine Version: $LATEST'));
    logs.sink(line('other', 'not mine'));
    logs.sink(line(undefined, 'init output'));
    const tail = Buffer.from(logs.release('mine'), 'base64').toString('utf8');
    logs.sink(line('mine', 'after release'));
    // Assess
    expect(tail).toBe('START RequestId: mine Version: $LATEST\n');
    expect(logs.release('mine')).toBe('');
  });
});
