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
  const order: string[] = [];
  const byLower = new Map<string, { name: string; values: string[] }>();
  const entry = (name: string) => {
    const lower = name.toLowerCase();
    let found = byLower.get(lower);
    if (!found) {
      found = { name, values: [] };
      byLower.set(lower, found);
      order.push(lower);
    }
    return found;
  };
  for (const [name, values] of multiValueHeaders) entry(name).values.push(...values);
  for (const [name, value] of headers) {
    const found = entry(name);
    if (!found.values.includes(value)) found.values.push(value);
  }
  const out: [string, string][] = [];
  for (const lower of order) {
    const found = byLower.get(lower);
    if (!found) continue;
    for (const value of found.values) out.push([found.name, value]);
  }
  return out;
}
