/**
 * Resolves every intrinsic function inside a definition, keeping those that cannot be resolved locally (an
 * authorizer's `!GetAtt UserPool.Arn`, ...) as they are: they only fail if a value gatehouse needs uses them.
 */
import type { IntrinsicResolver } from '../sam/intrinsics.js';
import { noValue } from '../sam/resolved-value.js';
import type { TemplateNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';

export function resolveDeep(node: TemplateNode, resolver: IntrinsicResolver): TemplateNode {
  switch (node.kind) {
    case 'intrinsic': {
      try {
        const resolved = resolver.resolve(node);
        return resolved === noValue ? { kind: 'scalar', value: null, ref: node.ref } : resolved;
      } catch (error) {
        // CloudFormation itself rejects `${stageVariables.x}` in Fn::Sub (it reads it as Fn::GetAtt): say so now.
        if (error instanceof TemplateError && error.message.includes('as a stage variable')) throw error;
        return node;
      }
    }
    case 'map': {
      const entries = new Map<string, TemplateNode>();
      for (const [key, value] of node.entries) entries.set(key, resolveDeep(value, resolver));
      return { kind: 'map', entries, ref: node.ref };
    }
    case 'seq':
      return { kind: 'seq', items: node.items.map((item) => resolveDeep(item, resolver)), ref: node.ref };
    default:
      return node;
  }
}
