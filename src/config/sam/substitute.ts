/**
 * Fn::Sub's template language: `${Name}` is replaced by `lookup(Name)`, `${!Literal}` is written as `${Literal}`.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
 */
export function substitute(template: string, lookup: (name: string) => string): string {
  return template.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    return lookup(inner.trim());
  });
}
