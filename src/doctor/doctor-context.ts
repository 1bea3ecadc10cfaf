import { readFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { parseTemplate } from '../config/sam/parse-template.js';
import type { MapNode, TemplateNode } from '../config/sam/template-node.js';
import type { FunctionSpec } from '../model/function-spec.js';
import type { HttpApi, HttpRoute } from '../model/http-api.js';
import type { ApiModel, Method, Resource, RestApi } from '../model/rest-api.js';
import type { SourceRef } from '../model/source-ref.js';
import type { FindingLocation } from './finding.js';
import { type HandlerSource, readHandlerSource } from './handler-source.js';

/** A REST method whose integration invokes a function (AWS_PROXY or the non-proxy `AWS` type). */
export interface RestFunctionMethod {
  readonly api: RestApi;
  readonly resource: Resource;
  readonly method: Method;
  readonly functionLogicalId: string;
  readonly proxy: boolean;
  readonly timeoutInMillis: number;
}

export interface HttpFunctionRoute {
  readonly api: HttpApi;
  readonly route: HttpRoute;
}

/**
 * What every check reads: the ApiModel gatehouse serves, the template as written (for keys the model does not
 * keep, such as Cors or the spelling of a value) and the handlers' source text. Built once per run.
 */
export interface DoctorContext {
  readonly model: ApiModel;
  /** The template's own tree, with every key's line and column. */
  readonly template: MapNode;
  /** Node handlers only; undefined when the module cannot be found (see the handler-not-found check). */
  handlerOf(fn: FunctionSpec): HandlerSource | undefined;
  restMethods(): readonly RestFunctionMethod[];
  httpRoutes(): readonly HttpFunctionRoute[];
  functionByLogicalId(logicalId: string): FunctionSpec | undefined;
  /** The template node at a key path (`Resources.Fn.Properties.Timeout`), if written. */
  nodeAt(keyPath: string): TemplateNode | undefined;
  /** Where a function property is written: the function's own Properties, else Globals.Function, else the resource. */
  functionPropertyRef(fn: FunctionSpec, key: string): SourceRef;
  /** A file as messages name it: relative to the template's folder (`src/app.mjs`). */
  relativeFile(file: string): string;
}

export function createDoctorContext(model: ApiModel): DoctorContext {
  const template = parseTemplate(readFileSync(model.templateFile, 'utf8'), model.templateFile);
  const handlers = new Map<string, HandlerSource | undefined>();
  const functions = new Map(model.functions.map((fn) => [fn.logicalId, fn]));
  const nodeAt = (keyPath: string) => findNode(template, keyPath);
  const restMethods = collectRestMethods(model);
  const httpRoutes = model.httpApis.flatMap((api) => api.routes.map((route) => ({ api, route })));
  return {
    model,
    template,
    handlerOf(fn) {
      if (!handlers.has(fn.logicalId)) handlers.set(fn.logicalId, readHandlerSource(fn));
      return handlers.get(fn.logicalId);
    },
    restMethods: () => restMethods,
    httpRoutes: () => httpRoutes,
    functionByLogicalId: (logicalId) => functions.get(logicalId),
    nodeAt,
    relativeFile(file) {
      const rel = relative(dirname(model.templateFile), file);
      return rel === '' || rel.startsWith('..') ? file : rel.split(sep).join('/');
    },
    functionPropertyRef(fn, key) {
      return nodeAt(`Resources.${fn.logicalId}.Properties.${key}`)?.ref ?? nodeAt(`Globals.Function.${key}`)?.ref ?? fn.source;
    },
  };
}

function collectRestMethods(model: ApiModel): RestFunctionMethod[] {
  const found: RestFunctionMethod[] = [];
  for (const api of model.restApis) {
    for (const resource of api.resources) {
      for (const method of resource.methods) {
        const integration = method.integration;
        if (integration.type !== 'AWS_PROXY' && integration.type !== 'AWS') continue;
        // A function chosen by a stage variable is only known per stage, at request time.
        if (integration.functionLogicalId === undefined) continue;
        found.push({
          api,
          resource,
          method,
          functionLogicalId: integration.functionLogicalId,
          proxy: integration.type === 'AWS_PROXY',
          timeoutInMillis: integration.timeoutInMillis,
        });
      }
    }
  }
  return found;
}

/** `Resources.Fn.Properties.Events.Get` → that node; list items as `Key[0]`. Logical ids contain no dots. */
export function findNode(root: TemplateNode, keyPath: string): TemplateNode | undefined {
  let node: TemplateNode | undefined = root;
  for (const part of keyPath.split('.')) {
    const [, key, indexes] = /^([^[]*)((?:\[\d+\])*)$/.exec(part) ?? [];
    if (key === undefined) return undefined;
    if (key !== '') node = node?.kind === 'map' ? node.entries.get(key) : undefined;
    for (const index of (indexes ?? '').match(/\d+/g) ?? []) node = node?.kind === 'seq' ? node.items[Number(index)] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

export function locationOf(ref: SourceRef): FindingLocation {
  return { file: ref.file, line: ref.line, column: ref.column, ...(ref.keyPath === '' ? {} : { label: ref.keyPath }) };
}

/** `GET /items/{id}` of a REST method, for messages. */
export function describeRestMethod(entry: RestFunctionMethod): string {
  return `${entry.method.httpMethod} ${entry.resource.path} (REST API ${entry.api.logicalId})`;
}
