/**
 * Path-template matching shared by REST resources and HTTP API routes.
 * AWS (recorded for REST, TestApigatewayRouting; documented for HTTP APIs, http-api-develop-routes.html):
 * a static segment beats `{param}`, which beats a greedy `{proxy+}`, whatever the creation order.
 * Trailing slashes do not change the match; `{proxy+}` needs at least one segment and receives the rest of
 * the path without a trailing slash, inner `//` kept; values are not URL-decoded.
 */
type SegmentKind = 0 | 1 | 2; // static, {param}, {greedy+}: lower is more specific

export interface PathMatch<T> {
  readonly item: T;
  /** Raw (not URL-decoded) values, or null when the template has no variables. */
  readonly pathParameters: Record<string, string> | null;
}

/** Every item whose path template matches `path`, most specific first. */
export function matchPathTemplates<T extends { readonly path: string }>(items: readonly T[], path: string): PathMatch<T>[] {
  const requestSegments = splitPath(path);
  const matches: (PathMatch<T> & { rank: SegmentKind[] })[] = [];
  for (const item of items) {
    const matched = matchSegments(splitPath(item.path), requestSegments);
    if (matched) matches.push({ item, ...matched });
  }
  return matches.sort((a, b) => compareRank(a.rank, b.rank)).map(({ item, pathParameters }) => ({ item, pathParameters }));
}

function splitPath(path: string): string[] {
  let inner = path.startsWith('/') ? path.slice(1) : path;
  if (inner.endsWith('/')) inner = inner.slice(0, -1);
  return inner === '' ? [] : inner.split('/');
}

function matchSegments(
  template: readonly string[],
  request: readonly string[],
): { rank: SegmentKind[]; pathParameters: Record<string, string> | null } | undefined {
  const rank: SegmentKind[] = [];
  const params: Record<string, string> = {};
  let hasParams = false;
  for (let i = 0; i < template.length; i++) {
    const segment = template[i] as string;
    const greedy = /^\{(.+)\+\}$/.exec(segment);
    if (greedy) {
      const rest = request.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[greedy[1] as string] = rest.join('/');
      rank.push(2);
      return { rank, pathParameters: params };
    }
    const value = request[i];
    if (value === undefined || value === '') return undefined;
    const param = /^\{(.+)\}$/.exec(segment);
    if (param) {
      params[param[1] as string] = value;
      hasParams = true;
      rank.push(1);
    } else if (segment === value) {
      rank.push(0);
    } else {
      return undefined;
    }
  }
  if (request.length !== template.length) return undefined;
  return { rank, pathParameters: hasParams ? params : null };
}

function compareRank(a: readonly SegmentKind[], b: readonly SegmentKind[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return b.length - a.length;
}
