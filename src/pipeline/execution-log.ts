/**
 * Formatting helpers for execution-log lines, which AWS writes with Java's Map.toString
 * (`{content-type=application/json, accept=*\/*}`) and truncates long bodies.
 * Recorded format: TestInvokeMethod snapshots (../shared/aws/api-gateway.md §10).
 */
const MAX_LOGGED_BODY = 1000;

export function formatLogMap(entries: Iterable<readonly [string, unknown]> | Record<string, unknown> | null | undefined): string {
  if (entries === null || entries === undefined) return '{}';
  const list = Symbol.iterator in entries ? [...(entries as Iterable<readonly [string, unknown]>)] : Object.entries(entries);
  return `{${list.map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`).join(', ')}}`;
}

export function formatLogBody(body: string): string {
  return body.length > MAX_LOGGED_BODY ? `${body.slice(0, MAX_LOGGED_BODY)} [TRUNCATED]` : body;
}
