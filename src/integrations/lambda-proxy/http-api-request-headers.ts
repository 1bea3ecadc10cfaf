/**
 * Request headers as HTTP APIs pass them to Lambda (docs/research/http-api-behaviour.md §1–2, captured events
 * in test/fixtures/aws/http/):
 * - payload 2.0: names lower-cased, repeated headers joined with `,` (no space), `cookie` moved to `cookies`
 *   (inferred: every library treats it so; no AWS dump with cookies), `content-length` always present;
 * - payload 1.0: names lower-cased too, except a few AWS sets or normalises (`Content-Length`, `Content-Type`,
 *   `Host`, `User-Agent`, `X-Amzn-Trace-Id`, `X-Forwarded-*`), plus multiValueHeaders.
 */
import { setOwn } from './own-property.js';

const DROPPED = new Set([
  'connection',
  'keep-alive',
  'max-forwards',
  'proxy-authenticate',
  'proxy-connection',
  'expect',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);

const V1_CANONICAL: Readonly<Record<string, string>> = {
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  host: 'Host',
  'user-agent': 'User-Agent',
  'x-amzn-trace-id': 'X-Amzn-Trace-Id',
  'x-forwarded-for': 'X-Forwarded-For',
  'x-forwarded-port': 'X-Forwarded-Port',
  'x-forwarded-proto': 'X-Forwarded-Proto',
};

export interface HttpApiHeaders {
  /** Lower-case name → every value, in order; cookie headers excluded. */
  readonly byName: ReadonlyMap<string, string[]>;
  readonly cookies: string[];
}

/** Collects the client's headers plus those API Gateway adds, the way both payload formats start from. */
export function collectHttpApiHeaders(
  raw: readonly (readonly [string, string])[],
  added: readonly (readonly [string, string])[],
  bodyLength: number,
): HttpApiHeaders {
  const byName = new Map<string, string[]>();
  const cookies: string[] = [];
  for (const [rawName, value] of raw) {
    const name = rawName.toLowerCase();
    if (DROPPED.has(name)) continue;
    if (name === 'cookie') {
      for (const part of value.split(';')) if (part.trim() !== '') cookies.push(part.trim());
      continue;
    }
    const list = byName.get(name);
    if (list) list.push(value);
    else byName.set(name, [value]);
  }
  byName.set('content-length', [String(bodyLength)]);
  for (const [rawName, value] of added) byName.set(rawName.toLowerCase(), [value]);
  return { byName, cookies };
}

/** Payload 2.0 `headers`: one string per name, repeats joined with `,`. */
export function toV2Headers(headers: HttpApiHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  // forEach rather than for-of: no [name, values] pair is made per header.
  headers.byName.forEach((values, name) => {
    setOwn(out, name, values.length === 1 ? (values[0] as string) : values.join(','));
  });
  return out;
}

/** Payload 1.0 `headers` (last value) and `multiValueHeaders`; the cookie header is kept in 1.0. */
export function toV1Headers(
  raw: readonly (readonly [string, string])[],
  headers: HttpApiHeaders,
): { single: Record<string, string>; multi: Record<string, string[]> } {
  // A Map while collecting: any token can be a header name, `__proto__` and `constructor` included.
  const multi = new Map<string, string[]>();
  const put = (lower: string, values: string[]) => {
    multi.set(Object.hasOwn(V1_CANONICAL, lower) ? (V1_CANONICAL[lower] as string) : lower, values);
  };
  const cookieValues = raw.filter(([n]) => n.toLowerCase() === 'cookie').map(([, v]) => v);
  for (const [lower, values] of headers.byName) put(lower, values);
  if (cookieValues.length > 0) put('cookie', cookieValues);
  const single: Record<string, string> = {};
  const multiObject: Record<string, string[]> = {};
  for (const [name, values] of multi) {
    setOwn(single, name, values[values.length - 1] as string);
    setOwn(multiObject, name, values);
  }
  return { single, multi: multiObject };
}
