import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { describeNode, type TemplateNode } from './template-node.js';

/** `AWS::NoValue`: the property (or list item) disappears, as if it had not been written. */
export const noValue: unique symbol = Symbol('AWS::NoValue');
export type Resolved = TemplateNode | typeof noValue;

export function stringNode(value: string, ref: SourceRef): TemplateNode {
  return { kind: 'scalar', value, ref };
}

export function listNode(values: readonly string[], ref: SourceRef): TemplateNode {
  return { kind: 'seq', items: values.map((value) => stringNode(value, ref)), ref };
}

/**
 * A resolved scalar as the string CloudFormation would pass on: numbers as written (`1.50`), booleans as
 * `true`/`false`. Maps and lists are not strings: that is an error naming where the value came from.
 */
export function stringOf(node: TemplateNode, what: string): string {
  if (node.kind === 'scalar') {
    if (node.value === null) throw new TemplateError(node.ref, `${what} must be a string, got nothing`);
    return typeof node.value === 'number' ? (node.text ?? String(node.value)) : String(node.value);
  }
  throw new TemplateError(node.ref, `${what} must be a string, got ${describeNode(node)}`);
}

/** The plain JavaScript value of a fully resolved node (BuildProperties, Fn::ToJsonString). */
export function toPlain(node: TemplateNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map':
      return Object.fromEntries([...node.entries].map(([key, value]) => [key, toPlain(value)]));
    case 'intrinsic':
      throw new TemplateError(node.ref, `${node.fn} was not resolved`);
  }
}
