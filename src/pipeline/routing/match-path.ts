/**
 * Path-template matching shared by REST resources and HTTP API routes.
 * AWS (recorded for REST, TestApigatewayRouting; documented for HTTP APIs, http-api-develop-routes.html):
 * a static segment beats `{param}`, which beats a greedy `{proxy+}`, whatever the creation order.
 * Trailing slashes do not change the match; `{proxy+}` needs at least one segment and receives the rest of
 * the path without a trailing slash, inner `//` kept; values are not URL-decoded.
 *
 * A deployment's templates never change, so each list is compiled once (split into segments and ordered most
 * specific first) and kept with the list; a request then only splits its own path.
 */
type SegmentKind = 0 | 1 | 2; // static, {param}, {greedy+}: lower is more specific

export interface PathMatch<T> {
  readonly item: T;
  /** Raw (not URL-decoded) values, or null when the template has no variables. */
  readonly pathParameters: Record<string, string> | null;
}

type Segment =
  | { readonly kind: 0; readonly text: string }
  | { readonly kind: 1; readonly name: string }
  | { readonly kind: 2; readonly name: string };

interface CompiledTemplate<T> {
  readonly item: T;
  readonly segments: readonly Segment[];
  /** Segment kinds up to the first greedy one: the order of specificity. */
  readonly rank: readonly SegmentKind[];
}

const compiledLists = new WeakMap<readonly object[], readonly CompiledTemplate<unknown>[]>();

/** Every item whose path template matches `path`, most specific first. */
export function matchPathTemplates<T extends { readonly path: string }>(items: readonly T[], path: string): PathMatch<T>[] {
  const requestSegments = splitPath(path);
  const matches: PathMatch<T>[] = [];
  for (const template of compiledTemplates(items)) {
    const pathParameters = matchSegments(template.segments, requestSegments);
    if (pathParameters !== undefined) matches.push({ item: template.item, pathParameters });
  }
  return matches;
}

function compiledTemplates<T extends { readonly path: string }>(items: readonly T[]): readonly CompiledTemplate<T>[] {
  const known = compiledLists.get(items) as readonly CompiledTemplate<T>[] | undefined;
  if (known) return known;
  const compiled = items.map((item) => compileTemplate(item));
  // A template's rank does not depend on the request, so matches come out in this (stable) order.
  compiled.sort((a, b) => compareRank(a.rank, b.rank));
  compiledLists.set(items, compiled);
  return compiled;
}

function compileTemplate<T extends { readonly path: string }>(item: T): CompiledTemplate<T> {
  const segments: Segment[] = [];
  const rank: SegmentKind[] = [];
  let greedySeen = false;
  for (const segment of splitPath(item.path)) {
    const greedy = /^\{(.+)\+\}$/.exec(segment);
    const param = greedy ? null : /^\{(.+)\}$/.exec(segment);
    const compiled: Segment = greedy
      ? { kind: 2, name: greedy[1] as string }
      : param
        ? { kind: 1, name: param[1] as string }
        : { kind: 0, text: segment };
    segments.push(compiled);
    if (!greedySeen) rank.push(compiled.kind);
    greedySeen ||= compiled.kind === 2;
  }
  return { item, segments, rank };
}

function splitPath(path: string): string[] {
  let inner = path.startsWith('/') ? path.slice(1) : path;
  if (inner.endsWith('/')) inner = inner.slice(0, -1);
  return inner === '' ? [] : inner.split('/');
}

/** The path parameters when the template matches (null when it has none), undefined when it does not. */
function matchSegments(template: readonly Segment[], request: readonly string[]): Record<string, string> | null | undefined {
  let params: Record<string, string> | null = null;
  for (let i = 0; i < template.length; i++) {
    const segment = template[i] as Segment;
    if (segment.kind === 2) {
      const rest = request.slice(i).join('/');
      if (rest === '') return undefined;
      params ??= {};
      params[segment.name] = rest;
      return params;
    }
    const value = request[i];
    if (value === undefined || value === '') return undefined;
    if (segment.kind === 1) {
      params ??= {};
      params[segment.name] = value;
    } else if (segment.text !== value) {
      return undefined;
    }
  }
  if (request.length !== template.length) return undefined;
  return params;
}

function compareRank(a: readonly SegmentKind[], b: readonly SegmentKind[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return b.length - a.length;
}
