/**
 * Reading an authorizer's identity sources from a request.
 * REST (documented, https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html#identitySource):
 * `method.request.header.X`, `method.request.multivalueheader.X`, `method.request.querystring.X`,
 * `method.request.multivaluequerystring.X`, `stageVariables.X`, `context.X`.
 * HTTP APIs (documented, http-api-lambda-authorizer.html#http-api-lambda-authorizer.identity-sources):
 * `$request.header.X`, `$request.querystring.X`, `$context.X`, `$stageVariables.X`.
 * Header names are case-insensitive; a source that is missing, null or empty makes the request unauthorized
 * without calling the authorizer (documented, https://repost.aws/knowledge-center/api-gateway-401-error-lambda-authorizer).
 */

export interface IdentityRequest {
  readonly headers: readonly (readonly [string, string])[];
  /** Query parameters, all values in order. */
  readonly query: ReadonlyMap<string, readonly string[]>;
  readonly stageVariables: Readonly<Record<string, string>>;
  /** `$context` variables by dotted name (`identity.sourceIp`, `httpMethod`, `stage`, ...). */
  readonly context: Readonly<Record<string, string>>;
}

export type IdentityValues =
  | { readonly ok: true; readonly values: readonly string[] }
  | { readonly ok: false; readonly missing: string };

export function readIdentitySources(sources: readonly string[], request: IdentityRequest): IdentityValues {
  const values: string[] = [];
  for (const source of sources) {
    const value = readIdentitySource(source, request);
    if (value === undefined || value === '') return { ok: false, missing: source };
    values.push(value);
  }
  return { ok: true, values };
}

export function readIdentitySource(source: string, request: IdentityRequest): string | undefined {
  const parsed = parseIdentitySource(source);
  if (parsed === undefined) return undefined;
  const { kind, name } = parsed;
  switch (kind) {
    case 'header': {
      const all = request.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
      return all.length === 0 ? undefined : all.join(',');
    }
    case 'multivalueheader': {
      const all = request.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
      return all.length === 0 ? undefined : all.join(',');
    }
    case 'querystring':
      return request.query.get(name)?.at(-1);
    case 'multivaluequerystring': {
      const all = request.query.get(name);
      return all === undefined ? undefined : all.join(',');
    }
    case 'stageVariables':
      return request.stageVariables[name];
    case 'context':
      return request.context[name];
  }
}

type SourceKind = 'header' | 'multivalueheader' | 'querystring' | 'multivaluequerystring' | 'stageVariables' | 'context';

export function parseIdentitySource(source: string): { kind: SourceKind; name: string } | undefined {
  const rest = /^method\.request\.(header|multivalueheader|querystring|multivaluequerystring)\.(.+)$/.exec(source);
  if (rest) return { kind: rest[1] as SourceKind, name: rest[2] as string };
  const http = /^\$request\.(header|querystring)\.(.+)$/.exec(source);
  if (http) return { kind: http[1] as SourceKind, name: http[2] as string };
  const stage = /^\$?stageVariables\.(.+)$/.exec(source);
  if (stage) return { kind: 'stageVariables', name: stage[1] as string };
  const context = /^\$?context\.(.+)$/.exec(source);
  if (context) return { kind: 'context', name: context[1] as string };
  return undefined;
}

export function parseQuery(rawQuery: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!rawQuery) return out;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decode(part.slice(eq + 1));
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
