import type { TemplateNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';

/** A standalone definition is not a CloudFormation template: `!Ref`/`!Sub` there cannot be resolved. */
export function assertNoIntrinsics(node: TemplateNode): void {
  switch (node.kind) {
    case 'intrinsic':
      throw new TemplateError(
        node.ref,
        `${node.fn} is a CloudFormation function; a standalone definition needs plain values (write the ARN)`,
      );
    case 'map':
      for (const child of node.entries.values()) assertNoIntrinsics(child);
      return;
    case 'seq':
      for (const child of node.items) assertNoIntrinsics(child);
      return;
    default:
      return;
  }
}
