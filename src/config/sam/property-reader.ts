import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver } from './intrinsics.js';
import { noValue, stringOf } from './resolved-value.js';
import { describeNode, type MapNode, type TemplateNode } from './template-node.js';

export interface NumberRule {
  /** Wording after "must be", e.g. `a number of seconds`. */
  readonly what: string;
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
}

/**
 * Reads typed properties of one map (a resource's Properties, an event's Properties), resolving intrinsic
 * functions only for the keys asked for. A property set to `!Ref AWS::NoValue` or left empty reads as absent.
 */
export class PropertyReader {
  constructor(
    readonly resolver: IntrinsicResolver,
    readonly map: MapNode,
  ) {}

  has(key: string): boolean {
    return this.node(key) !== undefined;
  }

  /** The property with a top-level function resolved (a whole map chosen by `!If`), children untouched. */
  node(key: string): TemplateNode | undefined {
    const raw = this.map.entries.get(key);
    if (raw === undefined) return undefined;
    const node = this.resolver.resolveTop(raw);
    if (node === noValue || (node.kind === 'scalar' && node.value === null)) return undefined;
    return node;
  }

  /** The property with every function inside it resolved. */
  value(key: string): TemplateNode | undefined {
    const raw = this.map.entries.get(key);
    if (raw === undefined) return undefined;
    const node = this.resolver.resolve(raw);
    if (node === noValue || (node.kind === 'scalar' && node.value === null)) return undefined;
    return node;
  }

  /** A map property, for reading its keys one by one. */
  mapAt(key: string): MapNode | undefined {
    const node = this.node(key);
    if (node === undefined) return undefined;
    if (node.kind !== 'map') throw new TemplateError(node.ref, `must be a map, got ${describeNode(node)}`);
    return node;
  }

  string(key: string): string | undefined {
    const node = this.value(key);
    if (node === undefined) return undefined;
    if (node.kind !== 'scalar' || typeof node.value === 'boolean') {
      throw new TemplateError(node.ref, `must be a string, got ${describeNode(node)}`);
    }
    return stringOf(node, key);
  }

  requiredString(key: string, example: string, at: SourceRef): string {
    const value = this.string(key);
    if (value === undefined || value === '') throw new TemplateError(at, `${key} is required; write e.g. ${key}: ${example}`);
    return value;
  }

  integer(key: string, rule: NumberRule): number | undefined {
    const node = this.value(key);
    if (node === undefined) return undefined;
    // CloudFormation accepts "10" for an integer property; Ref to a Number parameter yields such a string.
    const number = node.kind === 'scalar' && node.value !== '' ? Number(node.value) : Number.NaN;
    if (node.kind !== 'scalar' || typeof node.value === 'boolean' || !Number.isFinite(number)) {
      throw new TemplateError(node.ref, `must be ${rule.what}, got ${describeNode(node)}`);
    }
    if (!Number.isInteger(number) || number < rule.min || number > rule.max) {
      const unit = rule.unit === undefined ? '' : ` ${rule.unit}`;
      throw new TemplateError(
        node.ref,
        `must be a whole number from ${rule.min} to ${rule.max}${unit}, got ${describeNode(node)}`,
      );
    }
    return number;
  }

  boolean(key: string): boolean | undefined {
    const node = this.value(key);
    if (node === undefined) return undefined;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    // CloudFormation accepts the strings "true" and "false" for Boolean properties.
    if (node.kind === 'scalar' && (node.value === 'true' || node.value === 'false')) return node.value === 'true';
    throw new TemplateError(node.ref, `must be true or false, got ${describeNode(node)}`);
  }

  /** A list of strings; a single string reads as a one-item list where `single` allows it. */
  stringList(key: string): { values: string[]; ref: SourceRef } | undefined {
    const node = this.value(key);
    if (node === undefined) return undefined;
    if (node.kind !== 'seq') throw new TemplateError(node.ref, `must be a list, got ${describeNode(node)}`);
    return { values: node.items.map((item) => stringOf(item, `each item of ${key}`)), ref: node.ref };
  }

  refOf(key: string): SourceRef {
    return this.map.entries.get(key)?.ref ?? this.map.ref;
  }
}
