/**
 * binaryMediaTypes matching, as API Gateway does it for REST APIs.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
 */

/** `image/png; charset=x` → `image/png`, lower-cased and trimmed. */
export function baseMediaType(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * The media type API Gateway looks at on the response side: only the FIRST entry of Accept.
 * AWS (recorded, test_aws_proxy_binary_response): `image/webp,image/png,*\/*;q=0.8` counts as `image/webp`.
 * An absent Accept is taken as `application/json` (documented for template selection,
 * request-response-data-mappings.html). Parameters on the first entry (`image/png;q=0.9`) are dropped:
 * not established on AWS (../shared/aws/api-gateway.md §15), our reading is that AWS compares media types.
 */
export function firstAcceptMediaType(accept: string | undefined): string {
  if (accept === undefined || accept.trim() === '') return 'application/json';
  const comma = accept.indexOf(',');
  return baseMediaType(comma === -1 ? accept : accept.slice(0, comma));
}

/**
 * Whether `mediaType` matches one of the API's binaryMediaTypes.
 * - exact match;
 * - an entry `type/*` matches any subtype of `type`;
 * - an entry `*\/*` matches everything (documented: "covers all content types");
 * - an entry with `*` as its type and a concrete subtype (`*\/test`) matches nothing (recorded).
 * Returns the entry that matched, for explanations.
 */
export function matchBinaryMediaType(mediaType: string, binaryMediaTypes: readonly string[]): string | undefined {
  const wanted = baseMediaType(mediaType);
  const slash = wanted.indexOf('/');
  const type = slash === -1 ? wanted : wanted.slice(0, slash);
  for (const entry of binaryMediaTypes) {
    const candidate = baseMediaType(entry);
    if (candidate === '*/*') return entry;
    if (candidate.startsWith('*/')) continue;
    if (candidate === wanted) return entry;
    if (slash !== -1 && candidate.endsWith('/*') && candidate.slice(0, -2) === type) return entry;
  }
  return undefined;
}
