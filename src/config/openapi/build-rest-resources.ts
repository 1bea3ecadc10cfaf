import type { Resource } from '../../model/index.js';
import { ancestorsOf } from '../sam/build-resources.js';
import { resourceIdFor } from '../sam/stable-id.js';
import { TemplateError } from '../template-error.js';
import type { DeclaredMethod } from './read-openapi.js';

/**
 * The resource tree of a REST API from declared methods (OpenAPI operations, AWS::ApiGateway::Method resources,
 * or SAM Api events turned into methods): every path with its ancestors, sorted.
 */
export function buildRestResources(restApiLogicalId: string, declared: readonly DeclaredMethod[]): Resource[] {
  const byPath = new Map<string, DeclaredMethod[]>([['/', []]]);
  for (const item of declared) {
    for (const ancestor of ancestorsOf(item.path)) if (!byPath.has(ancestor)) byPath.set(ancestor, []);
    const list = byPath.get(item.path) as DeclaredMethod[];
    const earlier = list.find((known) => known.method.httpMethod === item.method.httpMethod);
    if (earlier !== undefined) {
      throw new TemplateError(
        item.method.source,
        `${item.method.httpMethod} ${item.path} on ${restApiLogicalId} is already defined at ${earlier.method.source.keyPath}${earlier.method.source.line > 0 ? ` (line ${earlier.method.source.line})` : ''}; each path and method may be declared once`,
      );
    }
    list.push(item);
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, items]) => ({ id: resourceIdFor(restApiLogicalId, path), path, methods: items.map((i) => i.method) }));
}
