/**
 * Reading values out of a resolved definition tree (OpenAPI document or CloudFormation properties), with the
 * position of every value kept for errors and explanations.
 */
import type { SourceRef } from '../../model/index.js';
import { toPlain } from '../sam/resolved-value.js';
import { describeNode, type MapNode, type TemplateNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';

export function asMap(node: TemplateNode | undefined, what: string): MapNode | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind !== 'map') throw new TemplateError(node.ref, `${what} must be a map, got ${describeNode(node)}`);
  return node;
}

export function asString(node: TemplateNode | undefined, what: string): string | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind !== 'scalar') throw new TemplateError(node.ref, `${what} must be a string, got ${describeNode(node)}`);
  return typeof node.value === 'number' ? (node.text ?? String(node.value)) : String(node.value);
}

export function asBoolean(node: TemplateNode | undefined, what: string): boolean | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar' && (typeof node.value === 'boolean' || node.value === 'true' || node.value === 'false')) {
    return node.value === true || node.value === 'true';
  }
  throw new TemplateError(node.ref, `${what} must be true or false, got ${describeNode(node)}`);
}

export function asInteger(node: TemplateNode | undefined, what: string, min: number, max: number): number | undefined {
  const text = asString(node, what);
  if (text === undefined || node === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TemplateError(node.ref, `${what} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function asStringList(node: TemplateNode | undefined, what: string): string[] | undefined {
  if (node === undefined) return undefined;
  if (node.kind !== 'seq') throw new TemplateError(node.ref, `${what} must be a list, got ${describeNode(node)}`);
  return node.items.map((item) => asString(item, `each item of ${what}`) ?? '');
}

/** `{ key: 'string' }` maps (requestTemplates, responseParameters, ...). */
export function asStringMap(node: TemplateNode | undefined, what: string): { key: string; value: string; ref: SourceRef }[] {
  const map = asMap(node, what);
  if (map === undefined) return [];
  return [...map.entries].map(([key, value]) => ({ key, value: asString(value, `${what}.${key}`) ?? '', ref: value.ref }));
}

export function plainValue(node: TemplateNode): unknown {
  return toPlain(node);
}
