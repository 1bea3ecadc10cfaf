/**
 * Request headers as the REST proxy event carries them (recorded, header-remapping AWS_PROXY and
 * test_lambda_aws_proxy_integration; ../shared/aws/api-gateway.md §2.4):
 * - the client's casing is kept, except that `authorization` and `user-agent` arrive capitalised;
 * - `headers` holds the last value of a repeated header, `multiValueHeaders` every value;
 * - hop-by-hop and a few other headers never reach the integration.
 */
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
  // Maps, not plain objects, while collecting: a client may send any token as a header name, `__proto__`,
  // `constructor` or `valueOf` included (found by test/reliability/request-fuzz.test.ts).
  const multi = new Map<string, string[]>();
  const nameByLower = new Map<string, string>();
  const put = (rawName: string, value: string, replace: boolean) => {
    const lower = rawName.toLowerCase();
    if (DROPPED.has(lower)) return;
    const name = nameByLower.get(lower) ?? CANONICAL.get(lower) ?? rawName;
    nameByLower.set(lower, name);
    const list = multi.get(name);
    if (list && !replace) list.push(value);
    else multi.set(name, [value]);
  };
  for (const [name, value] of raw) put(name, value, false);
  for (const [name, value] of added) put(name, value, true);
  return {
    single: Object.fromEntries([...multi].map(([name, values]) => [name, values[values.length - 1] as string])),
    multi: Object.fromEntries(multi),
  };
}
