import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, Scalar } from 'yaml';
import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { childPath, type IntrinsicName, isIntrinsicName, type MapNode, type TemplateNode } from './template-node.js';

/**
 * Parses a SAM template (YAML, or JSON, which the YAML parser reads as well) into a TemplateNode tree with
 * 1-based line/column positions. CloudFormation short tags (`!Ref`, `!Sub`, ...) become intrinsic nodes.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export function parseTemplate(text: string, file: string): MapNode {
  const lineCounter = new LineCounter();
  // uniqueKeys (default) makes a duplicated key an error, as CloudFormation rejects it.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = lineCounter.linePos(first.pos[0]);
    const at: SourceRef = { file, line: pos.line, column: pos.col, keyPath: '' };
    // YAML: inside a flow collection ({ ... } or [ ... ]) a plain value cannot contain { } [ ] or , (PyYAML,
    // which SAM CLI uses, rejects it as well), so an unquoted `Path: /{proxy+}` there breaks the file.
    const flowHint = /Unexpected flow-(map|seq)/.test(first.message)
      ? "; inside { ... } or [ ... ] quote values containing { } [ ] or , e.g. Path: '/{proxy+}'"
      : '';
    const detail =
      first.code === 'DUPLICATE_KEY'
        ? 'this key is already set earlier in the same map; keep only one'
        : `not a valid YAML or JSON template: ${firstLine(first.message)}${flowHint}`;
    throw new TemplateError(at, detail);
  }
  const converter = new NodeConverter(doc, lineCounter, file);
  const root = converter.convert(doc.contents, { file, line: 1, column: 1, keyPath: '' }, '');
  if (root.kind !== 'map') {
    throw new TemplateError(root.ref, 'a template must be a map with at least a Resources section');
  }
  return root;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Short tags CloudFormation accepts, mapped to their long form. */
const shortTags: Readonly<Record<string, IntrinsicName>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!And': 'Fn::And',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAZs': 'Fn::GetAZs',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Length': 'Fn::Length',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Transform': 'Fn::Transform',
};

class NodeConverter {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly file: string,
  ) {}

  /** `ref` is where the value is declared (its key, or itself for list items and the root). */
  convert(node: unknown, ref: SourceRef, path: string, depth = 0): TemplateNode {
    if (depth > 200) throw new TemplateError(ref, 'the template nests too deeply (or an alias refers to itself)');
    if (isAlias(node)) return this.convert(node.resolve(this.doc), ref, path, depth + 1);
    const tag = isScalar(node) || isMap(node) || isSeq(node) ? node.tag : undefined;
    if (tag?.startsWith('!')) {
      const fn = shortTags[tag];
      if (fn === undefined) {
        throw new TemplateError(ref, `unknown tag ${tag}; CloudFormation short forms are !Ref, !Sub, !GetAtt, ...`);
      }
      return { kind: 'intrinsic', fn, arg: this.convertUntagged(node as Node, ref, path, depth), ref };
    }
    if (node === null || node === undefined) return { kind: 'scalar', value: null, ref };
    return this.convertUntagged(node as Node, ref, path, depth);
  }

  private convertUntagged(node: Node, ref: SourceRef, path: string, depth: number): TemplateNode {
    if (isMap(node)) return this.convertMap(node.items, ref, path, depth);
    if (isSeq(node)) {
      const items = node.items.map((item, index) => {
        const itemPath = childPath(path, index);
        return this.convert(item, this.refAt(item, itemPath, ref), itemPath, depth + 1);
      });
      return { kind: 'seq', items, ref };
    }
    if (isScalar(node)) return convertScalar(node, ref);
    throw new TemplateError(ref, 'unsupported YAML node');
  }

  private convertMap(pairs: readonly unknown[], ref: SourceRef, path: string, depth: number): TemplateNode {
    const entries = new Map<string, TemplateNode>();
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const entryPath = childPath(path, key);
      entries.set(key, this.convert(pair.value, this.refAt(pair.key, entryPath, ref), entryPath, depth + 1));
    }
    // Long form: a map with the single key `Ref` or `Fn::*` is a function call (`{ "Fn::Sub": "..." }`).
    // `Condition` is only a function inside Conditions; elsewhere it is a resource attribute.
    const [only] = entries;
    if (entries.size === 1 && only !== undefined && only[0] !== 'Condition' && isIntrinsicName(only[0])) {
      return { kind: 'intrinsic', fn: only[0], arg: only[1], ref };
    }
    return { kind: 'map', entries, ref };
  }

  private refAt(node: unknown, keyPath: string, fallback: SourceRef): SourceRef {
    const range = isScalar(node) || isMap(node) || isSeq(node) || isAlias(node) ? node.range : undefined;
    if (range === undefined || range === null) return { ...fallback, keyPath };
    const pos = this.lineCounter.linePos(range[0]);
    return { file: this.file, line: pos.line, column: pos.col, keyPath };
  }
}

function convertScalar(node: Scalar, ref: SourceRef): TemplateNode {
  const value = node.value;
  if (typeof value === 'number') {
    const text = node.type === Scalar.PLAIN && typeof node.source === 'string' ? node.source : undefined;
    return text === undefined ? { kind: 'scalar', value, ref } : { kind: 'scalar', value, text, ref };
  }
  if (typeof value === 'bigint') return { kind: 'scalar', value: Number(value), text: String(value), ref };
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return { kind: 'scalar', value, ref };
  // Timestamps and binary are not in YAML 1.2's core schema; keep what was written.
  return { kind: 'scalar', value: String(node.source ?? value), ref };
}
