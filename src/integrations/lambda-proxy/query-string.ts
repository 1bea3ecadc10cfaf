/**
 * Query strings as the REST proxy event carries them.
 * AWS (recorded, invocation-payload-with-params-encoding): `+` becomes a space, `%2B` a `+`, `%20` a space;
 * `queryStringParameters` keeps the LAST value of a repeated key, `multiValueQueryStringParameters` all of
 * them in order; both are null when there is no query string.
 */
export interface ParsedQuery {
  readonly single: Record<string, string> | null;
  readonly multi: Record<string, string[]> | null;
}

/** Shared by every request without a query string (most of them); never changed. */
const NO_QUERY: ParsedQuery = Object.freeze({ single: null, multi: null });

export function parseQueryString(rawQuery: string | undefined): ParsedQuery {
  if (rawQuery === undefined || rawQuery === '') return NO_QUERY;
  // A Map while collecting: any key can arrive, `__proto__` and `constructor` included.
  const multi = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeQueryComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryComponent(part.slice(eq + 1));
    const list = multi.get(key);
    if (list) list.push(value);
    else multi.set(key, [value]);
  }
  if (multi.size === 0) return NO_QUERY;
  return {
    single: Object.fromEntries([...multi].map(([key, values]) => [key, values[values.length - 1] as string])),
    multi: Object.fromEntries(multi),
  };
}

function decodeQueryComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Malformed escapes (`%zz`) are kept as sent rather than failing the request (not established on AWS).
    return spaced;
  }
}
