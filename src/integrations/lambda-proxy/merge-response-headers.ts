/**
 * How a REST API merges a proxy result's `headers` and `multiValueHeaders` (recorded,
 * invoke-api-multi-headers-overwrite-casing; documented, output-format page):
 * - names are merged case-insensitively and the casing from multiValueHeaders wins;
 * - multiValueHeaders values come first, then the `headers` value (`value-multi, value-solo`);
 * - an identical name and value present in both maps appears once.
 * Each value becomes its own header line (so several Set-Cookie lines survive).
 */
export function mergeResponseHeaders(
  headers: readonly (readonly [string, string])[],
  multiValueHeaders: readonly (readonly [string, readonly string[]])[],
): [string, string][] {
  // Most results set one header (Content-Type) and no multiValueHeaders: nothing to merge.
  if (multiValueHeaders.length === 0 && headers.length <= 1) return headers.map(([name, value]) => [name, value]);
  const merged = new Map<string, MergedHeader>();
  for (const [name, values] of multiValueHeaders) mergedHeader(merged, name).values.push(...values);
  for (const [name, value] of headers) {
    const found = mergedHeader(merged, name);
    if (!found.values.includes(value)) found.values.push(value);
  }
  const out: [string, string][] = [];
  // A Map keeps its first-insertion order: the order in which the names first appeared.
  for (const { name, values } of merged.values()) for (const value of values) out.push([name, value]);
  return out;
}

interface MergedHeader {
  /** The casing seen first (multiValueHeaders are read first, so theirs wins). */
  readonly name: string;
  readonly values: string[];
}

function mergedHeader(merged: Map<string, MergedHeader>, name: string): MergedHeader {
  const lower = name.toLowerCase();
  let found = merged.get(lower);
  if (!found) {
    found = { name, values: [] };
    merged.set(lower, found);
  }
  return found;
}
