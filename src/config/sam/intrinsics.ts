import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { findClosestKey } from './closest-key.js';
import type { ParameterTable } from './parameters.js';
import { listNode, noValue, type Resolved, stringNode, stringOf, toPlain } from './resolved-value.js';
import { substitute } from './substitute.js';
import { describeNode, type IntrinsicNode, type MapNode, type TemplateNode } from './template-node.js';

/**
 * Resolves CloudFormation intrinsic functions the way CloudFormation would at deploy time, with the values a
 * local run has: parameters, pseudo parameters, Conditions, Mappings and the resources of this template.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export interface PseudoParameters {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly partition: string;
  readonly urlSuffix: string;
}

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly node: MapNode;
}

export interface ResolverContext {
  readonly pseudo: PseudoParameters;
  readonly parameters: ParameterTable;
  readonly conditions: MapNode | undefined;
  readonly mappings: MapNode | undefined;
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /** What `!Ref <resource>` returns (a function's name, an API's id, ...). */
  refOf(resource: TemplateResource, usedAt: SourceRef): string;
  /** What `!GetAtt <resource>.<attribute>` returns; throws a TemplateError when gatehouse cannot know it. */
  getAttOf(resource: TemplateResource, attribute: string, usedAt: SourceRef): string;
}

export class IntrinsicResolver {
  private readonly conditionValues = new Map<string, boolean>();
  private readonly evaluating = new Set<string>();

  constructor(private readonly ctx: ResolverContext) {}

  /** Resolves every intrinsic function inside `node`. */
  resolve(node: TemplateNode): Resolved {
    switch (node.kind) {
      case 'scalar':
        return node;
      case 'intrinsic': {
        const result = this.call(node);
        return result === noValue ? noValue : this.resolve(result);
      }
      case 'seq': {
        const items = node.items.map((item) => this.resolve(item)).filter((item) => item !== noValue);
        return { kind: 'seq', items, ref: node.ref };
      }
      case 'map': {
        const entries = new Map<string, TemplateNode>();
        for (const [key, value] of node.entries) {
          const resolved = this.resolve(value);
          if (resolved !== noValue) entries.set(key, resolved);
        }
        return { kind: 'map', entries, ref: node.ref };
      }
    }
  }

  /** Resolves the function at the top of `node` only (e.g. an `!If` choosing a whole map), leaving children. */
  resolveTop(node: TemplateNode): Resolved {
    let current: Resolved = node;
    while (current !== noValue && current.kind === 'intrinsic') {
      current = current.fn === 'Fn::If' ? this.chooseBranch(current) : this.resolve(current);
    }
    return current;
  }

  /** Whether the named condition in `Conditions` is true. */
  isConditionTrue(name: string, usedAt: SourceRef): boolean {
    const cached = this.conditionValues.get(name);
    if (cached !== undefined) return cached;
    const definition = this.ctx.conditions?.entries.get(name);
    if (definition === undefined) {
      const known = [...(this.ctx.conditions?.entries.keys() ?? [])];
      const closest = findClosestKey(name, known);
      throw new TemplateError(usedAt, `no condition named ${name} in Conditions${closest ? `; did you mean ${closest}?` : ''}`);
    }
    if (this.evaluating.has(name)) throw new TemplateError(definition.ref, `condition ${name} refers to itself`);
    this.evaluating.add(name);
    const value = this.evaluateCondition(definition);
    this.evaluating.delete(name);
    this.conditionValues.set(name, value);
    return value;
  }

  private evaluateCondition(node: TemplateNode): boolean {
    if (node.kind === 'map' && node.entries.size === 1 && node.entries.has('Condition')) {
      return this.isConditionTrue(this.literal(node.entries.get('Condition'), node, 'Condition'), node.ref);
    }
    const resolved = this.resolve(node);
    if (resolved !== noValue && resolved.kind === 'scalar' && typeof resolved.value === 'boolean') return resolved.value;
    throw new TemplateError(node.ref, 'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition');
  }

  private call(node: IntrinsicNode): Resolved {
    const { ref } = node;
    switch (node.fn) {
      case 'Ref':
        return this.ref(this.literal(node.arg, node, 'Ref'), ref);
      case 'Condition':
        return { kind: 'scalar', value: this.isConditionTrue(this.literal(node.arg, node, 'Condition'), ref), ref };
      case 'Fn::If':
        return this.chooseBranch(node);
      case 'Fn::GetAtt':
        return this.getAtt(node);
      case 'Fn::Sub':
        return stringNode(this.sub(node), ref);
      case 'Fn::Join': {
        const [delimiter, values] = this.pair(node, '[delimiter, [values]]');
        const parts = this.listOf(values, 'Fn::Join values').map((item) => stringOf(item, 'each Fn::Join value'));
        return stringNode(parts.join(stringOf(delimiter, 'the Fn::Join delimiter')), ref);
      }
      case 'Fn::Select': {
        const [index, values] = this.pair(node, '[index, [values]]');
        const items = this.listOf(values, 'Fn::Select values');
        const at = Number(stringOf(index, 'the Fn::Select index'));
        const item = Number.isInteger(at) ? items[at] : undefined;
        if (item === undefined) throw new TemplateError(ref, `Fn::Select index ${at} is outside the ${items.length} values`);
        return item;
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.pair(node, '[delimiter, string]');
        return listNode(stringOf(source, 'the Fn::Split source').split(stringOf(delimiter, 'the delimiter')), ref);
      }
      case 'Fn::Equals': {
        const [a, b] = this.pair(node, '[value1, value2]');
        return { kind: 'scalar', value: JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)), ref };
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const conditions = this.argNodes(node).map((item) => this.evaluateCondition(item));
        const value = node.fn === 'Fn::And' ? conditions.every(Boolean) : conditions.some(Boolean);
        return { kind: 'scalar', value, ref };
      }
      case 'Fn::Not': {
        const [condition] = this.argNodes(node);
        if (condition === undefined) throw new TemplateError(ref, 'Fn::Not needs [condition]');
        return { kind: 'scalar', value: !this.evaluateCondition(condition), ref };
      }
      case 'Fn::FindInMap':
        return this.findInMap(node);
      case 'Fn::Base64':
        return stringNode(Buffer.from(stringOf(this.value(node.arg), 'Fn::Base64 input')).toString('base64'), ref);
      case 'Fn::GetAZs': {
        const region = stringOf(this.value(node.arg), 'Fn::GetAZs region') || this.ctx.pseudo.region;
        return listNode([`${region}a`, `${region}b`, `${region}c`], ref);
      }
      case 'Fn::Length':
        return { kind: 'scalar', value: this.listOf(node.arg, 'Fn::Length input').length, ref };
      case 'Fn::ToJsonString':
        return stringNode(JSON.stringify(toPlain(this.value(node.arg))), ref);
      case 'Fn::ImportValue':
        throw new TemplateError(
          ref,
          'Fn::ImportValue reads an export of another stack, which gatehouse cannot see; use a Parameter and pass the value with --parameter-overrides',
        );
      case 'Fn::Cidr':
      case 'Fn::Transform':
        throw new TemplateError(ref, `${node.fn} is not supported by gatehouse; write the value it would produce`);
    }
  }

  private chooseBranch(node: IntrinsicNode): TemplateNode | typeof noValue {
    const [condition, whenTrue, whenFalse] = this.argNodes(node);
    if (condition === undefined || whenTrue === undefined || whenFalse === undefined) {
      throw new TemplateError(node.ref, 'Fn::If needs [ConditionName, value if true, value if false]');
    }
    const chosen = this.isConditionTrue(stringOf(this.value(condition), 'the Fn::If condition'), node.ref) ? whenTrue : whenFalse;
    // The chosen value reads as the key that holds the !If.
    return chosen.kind === 'scalar' ? { ...chosen, ref: node.ref } : chosen;
  }

  ref(name: string, usedAt: SourceRef): Resolved {
    const pseudo = this.pseudo(name, usedAt);
    if (pseudo !== undefined) return pseudo;
    if (this.ctx.parameters.has(name)) {
      const value = this.ctx.parameters.valueOf(name, usedAt);
      return typeof value === 'string' ? stringNode(value, usedAt) : listNode(value, usedAt);
    }
    const resource = this.ctx.resources.get(name);
    if (resource !== undefined) return stringNode(this.ctx.refOf(resource, usedAt), usedAt);
    // AWS (SAM): `!Ref MyApi.Deployment` and `!Ref MyApi.Stage` name the resources SAM generates for an
    // AWS::Serverless::Api (sam-specification-generated-resources-api.html); a stable local id stands for them.
    const generated = /^(.+)\.(Deployment|Stage)$/.exec(name);
    if (generated !== null && this.ctx.resources.get(generated[1] ?? '')?.type === 'AWS::Serverless::Api') {
      return stringNode(`${generated[1]}${generated[2]}`, usedAt);
    }
    const closest = findClosestKey(name, [...this.ctx.parameters.names(), ...this.ctx.resources.keys()]);
    const hint = closest === undefined ? 'declare it under Parameters or Resources' : `did you mean ${closest}?`;
    throw new TemplateError(usedAt, `Ref ${name} refers to no parameter, resource or pseudo parameter; ${hint}`);
  }

  private pseudo(name: string, usedAt: SourceRef): Resolved | undefined {
    switch (name) {
      case 'AWS::NoValue':
        return noValue;
      case 'AWS::NotificationARNs':
        return listNode([], usedAt);
      default: {
        const value = this.pseudoValues[name];
        return value === undefined ? undefined : stringNode(value, usedAt);
      }
    }
  }

  private get pseudoValues(): Readonly<Record<string, string>> {
    const { region, accountId, stackName, partition, urlSuffix } = this.ctx.pseudo;
    return {
      'AWS::Region': region,
      'AWS::AccountId': accountId,
      'AWS::StackName': stackName,
      'AWS::StackId': `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/00000000-0000-0000-0000-000000000000`,
      'AWS::Partition': partition,
      'AWS::URLSuffix': urlSuffix,
    };
  }

  getAttribute(logicalId: string, attribute: string, usedAt: SourceRef): string {
    const resource = this.ctx.resources.get(logicalId);
    if (resource === undefined) {
      const closest = findClosestKey(logicalId, [...this.ctx.resources.keys()]);
      throw new TemplateError(
        usedAt,
        `GetAtt ${logicalId}.${attribute} refers to no resource in Resources${closest ? `; did you mean ${closest}?` : ''}`,
      );
    }
    return this.ctx.getAttOf(resource, attribute, usedAt);
  }

  private getAtt(node: IntrinsicNode): Resolved {
    const arg = node.arg;
    let logicalId: string;
    let attribute: string;
    if (arg.kind === 'scalar' && typeof arg.value === 'string') {
      // !GetAtt Fn.Arn: the logical id is before the first dot (attributes such as Endpoint.Address have dots).
      const dot = arg.value.indexOf('.');
      if (dot < 1) throw new TemplateError(node.ref, `GetAtt needs LogicalId.Attribute, got ${JSON.stringify(arg.value)}`);
      logicalId = arg.value.slice(0, dot);
      attribute = arg.value.slice(dot + 1);
    } else {
      const [id, attr] = this.pair(node, '[LogicalId, Attribute]');
      logicalId = stringOf(id, 'the GetAtt logical id');
      attribute = stringOf(attr, 'the GetAtt attribute');
    }
    return stringNode(this.getAttribute(logicalId, attribute, node.ref), node.ref);
  }

  private sub(node: IntrinsicNode): string {
    const arg = node.arg;
    let template: string;
    const variables = new Map<string, string>();
    if (arg.kind === 'seq') {
      const [text, vars] = arg.items;
      if (text === undefined || vars === undefined || arg.items.length !== 2) {
        throw new TemplateError(node.ref, 'Fn::Sub needs a string, or [string, { Name: value }]');
      }
      template = stringOf(this.value(text), 'the Fn::Sub string');
      const map = this.value(vars);
      if (map.kind !== 'map') throw new TemplateError(map.ref, `Fn::Sub variables must be a map, got ${describeNode(map)}`);
      for (const [name, value] of map.entries) variables.set(name, stringOf(value, `Fn::Sub variable ${name}`));
    } else {
      template = stringOf(this.value(arg), 'the Fn::Sub string');
    }
    return substitute(template, (name) => {
      const bound = variables.get(name);
      if (bound !== undefined) return bound;
      const dot = name.indexOf('.');
      if (name.startsWith('stageVariables.') && !this.ctx.resources.has('stageVariables')) {
        // AWS: Fn::Sub reads ${a.b} as Fn::GetAtt, so CloudFormation rejects it; ${!x} keeps it literal (intrinsic-function-reference-sub.html).
        throw new TemplateError(
          node.ref,
          `Fn::Sub reads \${${name}} as Fn::GetAtt; write \${!${name}} to pass it to API Gateway as a stage variable`,
        );
      }
      if (dot > 0) return this.getAttribute(name.slice(0, dot), name.slice(dot + 1), node.ref);
      const value = this.ref(name, node.ref);
      if (value === noValue) throw new TemplateError(node.ref, `\${${name}} cannot be used in Fn::Sub`);
      return stringOf(value, `\${${name}}`);
    });
  }

  private findInMap(node: IntrinsicNode): Resolved {
    const [mapName, topKey, secondKey] = this.args(node, 3, '[MapName, TopLevelKey, SecondLevelKey]').map((item) =>
      stringOf(item, 'each Fn::FindInMap argument'),
    ) as [string, string, string];
    const map = this.ctx.mappings?.entries.get(mapName);
    if (map === undefined || map.kind !== 'map') throw new TemplateError(node.ref, `no mapping named ${mapName} in Mappings`);
    const top = map.entries.get(topKey);
    if (top === undefined || top.kind !== 'map') {
      throw new TemplateError(node.ref, `mapping ${mapName} has no key ${topKey} (keys: ${[...map.entries.keys()].join(', ')})`);
    }
    const value = top.entries.get(secondKey);
    if (value === undefined) {
      throw new TemplateError(
        node.ref,
        `mapping ${mapName}.${topKey} has no key ${secondKey} (keys: ${[...top.entries.keys()].join(', ')})`,
      );
    }
    return value.kind === 'scalar' ? { ...value, ref: node.ref } : value;
  }

  /** A fully resolved value that must be present (NoValue is not allowed here). */
  value(node: TemplateNode): TemplateNode {
    const resolved = this.resolve(node);
    if (resolved === noValue) throw new TemplateError(node.ref, 'AWS::NoValue cannot be used here');
    return resolved;
  }

  private literal(arg: TemplateNode | undefined, node: IntrinsicNode | MapNode, fn: string): string {
    if (arg?.kind === 'scalar' && typeof arg.value === 'string') return arg.value;
    throw new TemplateError(node.ref, `${fn} needs a name, got ${arg === undefined ? 'nothing' : describeNode(arg)}`);
  }

  private argNodes(node: IntrinsicNode): readonly TemplateNode[] {
    const arg = node.arg.kind === 'intrinsic' ? this.value(node.arg) : node.arg;
    if (arg.kind !== 'seq') throw new TemplateError(node.ref, `${node.fn} needs a list of arguments, got ${describeNode(arg)}`);
    return arg.items;
  }

  private args(node: IntrinsicNode, count: number, usage: string): TemplateNode[] {
    const items = this.argNodes(node);
    if (items.length !== count) throw new TemplateError(node.ref, `${node.fn} needs ${usage}, got ${items.length} arguments`);
    return items.map((item) => this.value(item));
  }

  private pair(node: IntrinsicNode, usage: string): [TemplateNode, TemplateNode] {
    const [first, second] = this.args(node, 2, usage);
    return [first as TemplateNode, second as TemplateNode];
  }

  private listOf(node: TemplateNode, what: string): readonly TemplateNode[] {
    const value = this.value(node);
    if (value.kind !== 'seq') throw new TemplateError(value.ref, `${what} must be a list, got ${describeNode(value)}`);
    return value.items;
  }
}

/** Values compared by Fn::Equals: scalars as strings, as CloudFormation compares `"10"` and `10` equal. */
function canonical(node: TemplateNode): unknown {
  if (node.kind === 'scalar') return node.value === null ? null : stringOf(node, 'value');
  if (node.kind === 'seq') return node.items.map(canonical);
  return toPlain(node);
}
