/** The request target split as API Gateway reads it: the path (encoding untouched) and the raw query. */
export interface RequestTarget {
  /** Always starts with `/`. */
  readonly rawPath: string;
  /** Query without `?`, or undefined when there is none. Anything after `#` is dropped. */
  readonly rawQuery: string | undefined;
}

const SLASH = 0x2f;

export function splitTarget(target: string): RequestTarget {
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  let rawPath = question === -1 ? withoutFragment : withoutFragment.slice(0, question);
  // An absolute-form target (`GET http://host/path`) is reduced to its path; the usual `/path` skips the test.
  const absoluteForm = rawPath.charCodeAt(0) !== SLASH && /^[a-z]+:\/\//i.test(rawPath);
  if (absoluteForm) rawPath = rawPath.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
  if (!rawPath.startsWith('/')) rawPath = `/${rawPath}`;
  return { rawPath, rawQuery: question === -1 ? undefined : withoutFragment.slice(question + 1) };
}

/** The first path segment, decoded (`//dev/x` reads as `/dev/x`, as AWS does: recorded). */
export function firstSegment(rawPath: string): string {
  // Every request is resolved through here: the regular expression and the decoding only run when there is
  // something for them to do.
  const trimmed =
    rawPath.charCodeAt(0) === SLASH && rawPath.charCodeAt(1) !== SLASH ? rawPath.slice(1) : rawPath.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  const segment = slash === -1 ? trimmed : trimmed.slice(0, slash);
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
