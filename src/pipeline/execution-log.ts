/**
 * Formatting helpers for execution-log lines, which AWS writes with Java's Map.toString
 * (`{content-type=application/json, accept=*\/*}`) and truncates long bodies.
 * Recorded format: TestInvokeMethod snapshots (../shared/aws/api-gateway.md §10).
 *
 * These run on every request, so they only ever look at the part of a body the log keeps.
 */
const MAX_LOGGED_BODY = 1000;
/** A UTF-8 prefix this long always decodes to more than MAX_LOGGED_BODY characters (at most 4 bytes each). */
const MAX_LOGGED_BODY_BYTES = 4 * (MAX_LOGGED_BODY + 1);

export function formatLogMap(entries: Iterable<readonly [string, unknown]> | Record<string, unknown> | null | undefined): string {
  if (entries === null || entries === undefined) return '{}';
  // One pass into one string: this formats several maps on every request.
  let out = '';
  if (Symbol.iterator in entries) {
    for (const [k, v] of entries as Iterable<readonly [string, unknown]>) out += `${out === '' ? '' : ', '}${k}=${logValue(v)}`;
  } else {
    for (const k of Object.keys(entries)) out += `${out === '' ? '' : ', '}${k}=${logValue(entries[k])}`;
  }
  return `{${out}}`;
}

function logValue(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

export function formatLogBody(body: string): string {
  return body.length > MAX_LOGGED_BODY ? `${body.slice(0, MAX_LOGGED_BODY)} [TRUNCATED]` : body;
}

/**
 * `formatLogBody(bytes.toString('utf8'))` without decoding the whole body: a longer body is cut after a prefix
 * that holds more than the logged characters (UTF-8 resynchronises, so they decode as in the whole text).
 */
export function formatLogBodyBytes(bytes: Buffer): string {
  if (bytes.length <= MAX_LOGGED_BODY_BYTES) return formatLogBody(bytes.toString('utf8'));
  return `${bytes.toString('utf8', 0, MAX_LOGGED_BODY_BYTES).slice(0, MAX_LOGGED_BODY)} [TRUNCATED]`;
}
