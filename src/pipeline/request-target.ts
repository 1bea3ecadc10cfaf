/** The request target split as API Gateway reads it: the path (encoding untouched) and the raw query. */
export interface RequestTarget {
  /** Always starts with `/`. */
  readonly rawPath: string;
  /** Query without `?`, or undefined when there is none. Anything after `#` is dropped. */
  readonly rawQuery: string | undefined;
}

export function splitTarget(target: string): RequestTarget {
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  let rawPath = question === -1 ? withoutFragment : withoutFragment.slice(0, question);
  // An absolute-form target (`GET http://host/path`) is reduced to its path.
  if (/^[a-z]+:\/\//i.test(rawPath)) rawPath = rawPath.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
  if (!rawPath.startsWith('/')) rawPath = `/${rawPath}`;
  return { rawPath, rawQuery: question === -1 ? undefined : withoutFragment.slice(question + 1) };
}

/** The first path segment, decoded (`//dev/x` reads as `/dev/x`, as AWS does: recorded). */
export function firstSegment(rawPath: string): string {
  const trimmed = rawPath.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  const segment = slash === -1 ? trimmed : trimmed.slice(0, slash);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
