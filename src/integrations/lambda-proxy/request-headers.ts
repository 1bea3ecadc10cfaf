/**
 * Request headers as the REST proxy event carries them (recorded, header-remapping AWS_PROXY and
 * test_lambda_aws_proxy_integration; ../shared/aws/api-gateway.md §2.4):
 * - the client's casing is kept, except that `authorization` and `user-agent` arrive capitalised;
 * - `headers` holds the last value of a repeated header, `multiValueHeaders` every value;
 * - hop-by-hop and a few other headers never reach the integration.
 */
import { setOwn } from './own-property.js';

const DROPPED = new Set([
  'content-length',
  'connection',
  'keep-alive',
  'max-forwards',
  'server',
  'www-authenticate',
  'proxy-authenticate',
  'proxy-connection',
  'content-md5',
  'expect',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const CANONICAL: ReadonlyMap<string, string> = new Map([
  ['authorization', 'Authorization'],
  ['user-agent', 'User-Agent'],
]);

export interface EventHeaders {
  readonly single: Record<string, string>;
  readonly multi: Record<string, string[]>;
}

export function buildEventHeaders(
  raw: readonly (readonly [string, string])[],
  added: readonly (readonly [string, string])[],
): EventHeaders {
  // Built straight into the two objects, in one pass (this runs on every request). A client may send any token as
  // a header name, `__proto__`, `constructor` or `valueOf` included (found by test/reliability/request-fuzz.test.ts):
  // `nameByLower` says whether a name is already there, so nothing is read from the objects' prototype, and
  // `setOwn` makes `__proto__` an own property as Object.fromEntries would.
  const headers: EventHeaders = { single: {}, multi: {} };
  const nameByLower = new Map<string, string>();
  for (const [name, value] of raw) putHeader(headers, nameByLower, name, value, false);
  for (const [name, value] of added) putHeader(headers, nameByLower, name, value, true);
  return headers;
}

/** One header line into both maps; `replace`: the gateway's own value replaces the client's. */
function putHeader(
  headers: EventHeaders,
  nameByLower: Map<string, string>,
  rawName: string,
  value: string,
  replace: boolean,
): void {
  const lower = rawName.toLowerCase();
  if (DROPPED.has(lower)) return;
  const known = nameByLower.get(lower);
  if (known === undefined) {
    const name = CANONICAL.get(lower) ?? rawName;
    nameByLower.set(lower, name);
    setOwn(headers.multi, name, [value]);
    setOwn(headers.single, name, value);
    return;
  }
  if (replace) setOwn(headers.multi, known, [value]);
  else (headers.multi[known] as string[]).push(value);
  setOwn(headers.single, known, value);
}
