/**
 * Parameter mappings: `integration.request.*` from the method request, `method.response.header.*` from the
 * integration response, `gatewayresponse.header.*` for gateway responses.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 * Sources: `'literal'`, `method.request.{path|querystring|header}.NAME`, `method.request.body[.JSONPath]`,
 * `integration.response.header.NAME`, `integration.response.body[.JSONPath]`, `context.NAME`,
 * `stageVariables.NAME`.
 */
import { javaString } from '../../vtl/java-values.js';
import { selectJsonPath } from '../../vtl/json-path.js';

export interface MappingSources {
  readonly methodRequest?: {
    readonly path: Readonly<Record<string, string>>;
    readonly querystring: Readonly<Record<string, string>>;
    readonly header: Readonly<Record<string, string>>;
    readonly body: string;
  };
  readonly integrationResponse?: { readonly headers: readonly (readonly [string, string])[]; readonly body: string };
  readonly context: Record<string, unknown>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** The mapped value, or undefined when its source is absent (the target is then not set). */
export function resolveMappingValue(expression: string, sources: MappingSources): string | undefined {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1];
  const [root, ...rest] = expression.split('.');
  const tail = rest.join('.');
  if (root === 'stageVariables') return sources.stageVariables[tail];
  if (root === 'context') {
    let value: unknown = sources.context;
    for (const key of rest)
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? undefined : javaString(value);
  }
  if (expression.startsWith('method.request.') && sources.methodRequest) {
    const mr = sources.methodRequest;
    const [, , where, ...name] = expression.split('.');
    const key = name.join('.');
    if (where === 'path') return mr.path[key];
    if (where === 'querystring') return mr.querystring[key];
    if (where === 'header') return headerOf(Object.entries(mr.header), key);
    if (where === 'body') return bodyValue(mr.body, key);
  }
  if (expression.startsWith('integration.response.') && sources.integrationResponse) {
    const ir = sources.integrationResponse;
    const [, , where, ...name] = expression.split('.');
    const key = name.join('.');
    if (where === 'header' || where === 'multivalueheader') return headerOf(ir.headers, key);
    if (where === 'body') return bodyValue(ir.body, key);
  }
  return undefined;
}

function headerOf(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (const [key, value] of headers) if (key.toLowerCase() === lower) found = value;
  return found;
}

function bodyValue(body: string, path: string): string | undefined {
  if (path === '') return body;
  try {
    const value = selectJsonPath(JSON.parse(body), `$.${path}`);
    return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return undefined;
  }
}

export interface RequestValues {
  readonly params: Omit<NonNullable<MappingSources['methodRequest']>, 'body'>;
  readonly context: Record<string, unknown>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** Applies `<prefix>NAME → expression` mappings, e.g. prefix `method.response.header.`. */
export function mapHeaders(
  mappings: Readonly<Record<string, string>>,
  prefix: string,
  sources: MappingSources,
): [string, string][] {
  const out: [string, string][] = [];
  for (const [target, expression] of Object.entries(mappings)) {
    if (!target.startsWith(prefix)) continue;
    const value = resolveMappingValue(expression, sources);
    if (value !== undefined) out.push([target.slice(prefix.length), value]);
  }
  return out;
}

/** `integration.request.{path|querystring|header}.NAME` → values. */
export function mapRequestParameters(
  mappings: Readonly<Record<string, string>>,
  values: RequestValues,
  rawBody: string,
): { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> } {
  const out = {
    path: {} as Record<string, string>,
    querystring: {} as Record<string, string>,
    header: {} as Record<string, string>,
  };
  const sources = {
    methodRequest: { ...values.params, body: rawBody },
    context: values.context,
    stageVariables: values.stageVariables,
  };
  for (const [targetName, expression] of Object.entries(mappings)) {
    const match = /^integration\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(
      targetName,
    );
    if (!match) continue;
    const value = resolveMappingValue(expression, sources);
    if (value === undefined) continue;
    const where = (match[1] ?? '').replace('multivalue', '') as 'path' | 'querystring' | 'header';
    out[where][match[2] ?? ''] = value;
  }
  return out;
}
