import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { findClosestKey } from './closest-key.js';
import { checkKnownKeys } from './known-properties.js';
import { describeNode, type MapNode, type TemplateNode } from './template-node.js';

/**
 * Template Parameters with their values: `--parameter-overrides` first, else `Default`.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 * A parameter without a value is only an error when something gatehouse reads refers to it.
 */
const parameterKeys = [
  'Type',
  'Default',
  'AllowedValues',
  'AllowedPattern',
  'ConstraintDescription',
  'Description',
  'MaxLength',
  'MaxValue',
  'MinLength',
  'MinValue',
  'NoEcho',
] as const;

export type ParameterValue = string | readonly string[];

interface ParameterEntry {
  readonly name: string;
  readonly type: string;
  readonly ref: SourceRef;
  /** undefined: no Default and no override. */
  readonly raw: string | undefined;
  readonly fromOverride: boolean;
}

export class ParameterTable {
  private constructor(private readonly entries: ReadonlyMap<string, ParameterEntry>) {}

  static read(section: TemplateNode | undefined, overrides: Readonly<Record<string, string>>, at: SourceRef) {
    const entries = new Map<string, ParameterEntry>();
    const definitions = section === undefined ? new Map<string, TemplateNode>() : expectMap(section).entries;
    for (const [name, node] of definitions) {
      const entry = readEntry(name, expectMap(node), overrides[name]);
      if (entry.raw !== undefined) validateValue(entry, expectMap(node));
      entries.set(name, entry);
    }
    for (const name of Object.keys(overrides)) {
      if (entries.has(name)) continue;
      const closest = findClosestKey(name, [...entries.keys()]);
      const hint = closest === undefined ? 'declare it under Parameters' : `did you mean ${closest}?`;
      const where = section?.ref ?? { ...at, keyPath: 'Parameters' };
      throw new TemplateError(where, `parameter override ${name} matches no parameter in the template; ${hint}`);
    }
    return new ParameterTable(entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The value `Ref` returns. Number parameters come back as strings, as CloudFormation does. */
  valueOf(name: string, usedAt: SourceRef): ParameterValue {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new TemplateError(usedAt, `no parameter named ${name}`);
    if (entry.raw === undefined) {
      throw new TemplateError(
        usedAt,
        `parameter ${name} has no Default and no override; add Default to Parameters.${name} or pass --parameter-overrides ${name}=<value>`,
      );
    }
    if (entry.type.startsWith('AWS::SSM::Parameter::') && !entry.fromOverride) {
      throw new TemplateError(
        usedAt,
        `parameter ${name} is read from SSM Parameter Store (${entry.raw}), which gatehouse does not call; pass --parameter-overrides ${name}=<value>`,
      );
    }
    return isListType(entry.type) ? entry.raw.split(',') : entry.raw;
  }
}

function expectMap(node: TemplateNode): MapNode {
  if (node.kind !== 'map') throw new TemplateError(node.ref, `must be a map, got ${describeNode(node)}`);
  return node;
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<') || type.includes('::Value<List<');
}

function isKnownType(type: string): boolean {
  return ['String', 'Number', 'CommaDelimitedList'].includes(type) || type.startsWith('List<') || type.startsWith('AWS::');
}

function readEntry(name: string, node: MapNode, override: string | undefined): ParameterEntry {
  checkKnownKeys(node, parameterKeys, `parameter ${name}`);
  const typeNode = node.entries.get('Type');
  if (typeNode === undefined) {
    throw new TemplateError(node.ref, 'Type is required; write Type: String (or Number, CommaDelimitedList)');
  }
  if (typeNode.kind !== 'scalar' || typeof typeNode.value !== 'string' || !isKnownType(typeNode.value)) {
    throw new TemplateError(
      typeNode.ref,
      `unknown parameter type ${describeNode(typeNode)}; use String, Number, CommaDelimitedList, List<Number> or an AWS-specific type`,
    );
  }
  const defaultNode = node.entries.get('Default');
  const raw = override ?? (defaultNode === undefined ? undefined : scalarText(defaultNode));
  return { name, type: typeNode.value, ref: node.ref, raw, fromOverride: override !== undefined };
}

function scalarText(node: TemplateNode): string {
  if (node.kind === 'seq') return node.items.map(scalarText).join(',');
  if (node.kind !== 'scalar') {
    throw new TemplateError(node.ref, `must be a plain value (no intrinsic functions), got ${describeNode(node)}`);
  }
  return node.text ?? String(node.value ?? '');
}

function validateValue(entry: ParameterEntry, node: MapNode): void {
  const raw = entry.raw ?? '';
  const origin = entry.fromOverride ? ' (from --parameter-overrides)' : '';
  const constraint = node.entries.get('ConstraintDescription');
  const because = constraint?.kind === 'scalar' && constraint.value !== null ? ` (${String(constraint.value)})` : '';
  const fail = (what: string): never => {
    throw new TemplateError(entry.ref, `value ${JSON.stringify(raw)}${origin} ${what}${because}`);
  };
  const values = isListType(entry.type) ? raw.split(',') : [raw];
  const allowed = node.entries.get('AllowedValues');
  if (allowed !== undefined) {
    const list = allowed.kind === 'seq' ? allowed.items.map(scalarText) : [scalarText(allowed)];
    for (const value of values) {
      if (!list.includes(value)) fail(`is not one of AllowedValues [${list.join(', ')}]`);
    }
  }
  const pattern = node.entries.get('AllowedPattern');
  if (pattern !== undefined) {
    // AWS: the pattern must match the whole value.
    const regex = new RegExp(`^(?:${scalarText(pattern)})$`);
    for (const value of values) if (!regex.test(value)) fail(`does not match AllowedPattern ${scalarText(pattern)}`);
  }
  const numberBound = (key: string) => {
    const bound = node.entries.get(key);
    return bound === undefined ? undefined : Number(scalarText(bound));
  };
  const isNumeric = entry.type === 'Number' || entry.type === 'List<Number>';
  for (const value of values) {
    if (isNumeric && (value.trim() === '' || Number.isNaN(Number(value)))) fail('is not a number');
    if (isNumeric && Number(value) < (numberBound('MinValue') ?? -Infinity)) fail(`is below MinValue`);
    if (isNumeric && Number(value) > (numberBound('MaxValue') ?? Infinity)) fail(`is above MaxValue`);
    if (!isNumeric && value.length < (numberBound('MinLength') ?? 0)) fail('is shorter than MinLength');
    if (!isNumeric && value.length > (numberBound('MaxLength') ?? Infinity)) fail('is longer than MaxLength');
  }
}
