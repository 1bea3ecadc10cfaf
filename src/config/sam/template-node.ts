import type { SourceRef } from '../../model/index.js';

/**
 * The template as a tree that remembers where every value was written. Each node's `ref` points at the key
 * that holds it (or at the item, inside a list), so an error or an explanation can name `file:line:column` and
 * the key path the user wrote (`Resources.ImageFunction.Properties.Timeout`).
 *
 * CloudFormation intrinsic functions, in short (`!Sub`) and long (`Fn::Sub:`) form, are kept as `intrinsic`
 * nodes until a reader asks for the value (see intrinsics.ts): most of a template (Role, Policies, other
 * resources) is never resolved, so a `!GetAtt` gatehouse cannot compute only fails where it matters.
 */
export type TemplateNode = ScalarNode | MapNode | SeqNode | IntrinsicNode;

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** The scalar as written, for numbers (`1.50` stays `1.50` when stringified as CloudFormation does). */
  readonly text?: string;
  readonly ref: SourceRef;
}

export interface MapNode {
  readonly kind: 'map';
  readonly entries: ReadonlyMap<string, TemplateNode>;
  readonly ref: SourceRef;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly items: readonly TemplateNode[];
  readonly ref: SourceRef;
}

/** CloudFormation intrinsic functions and condition functions, by their long-form key. */
export const intrinsicNames = [
  'Ref',
  'Condition',
  'Fn::And',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Equals',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Not',
  'Fn::Or',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
] as const;

export type IntrinsicName = (typeof intrinsicNames)[number];

export interface IntrinsicNode {
  readonly kind: 'intrinsic';
  readonly fn: IntrinsicName;
  /** The argument as written: `!GetAtt Fn.Arn` keeps the scalar `Fn.Arn`; the resolver normalises it. */
  readonly arg: TemplateNode;
  readonly ref: SourceRef;
}

export function isIntrinsicName(name: string): name is IntrinsicName {
  return (intrinsicNames as readonly string[]).includes(name);
}

/** `Resources.Fn` + `Properties` → `Resources.Fn.Properties`; list items read `Layers[0]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function entryOf(map: MapNode, key: string): TemplateNode | undefined {
  return map.entries.get(key);
}

/** A ref for a value gatehouse computed for a key (a default, or a merge result): same place, other path. */
export function refWithPath(ref: SourceRef, keyPath: string): SourceRef {
  return { ...ref, keyPath };
}

/** Human wording of a node's kind for "got ..." in error messages. */
export function describeNode(node: TemplateNode): string {
  switch (node.kind) {
    case 'scalar':
      return node.value === null ? 'nothing' : JSON.stringify(node.value);
    case 'map':
      return 'a map';
    case 'seq':
      return 'a list';
    case 'intrinsic':
      return `${node.fn === 'Ref' || node.fn === 'Condition' ? node.fn : node.fn.slice(4)} (unresolved)`;
  }
}
