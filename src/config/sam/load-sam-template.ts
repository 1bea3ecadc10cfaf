import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ApiModel, FunctionSpec, HttpApi, IgnoredResource, RestApi, SourceRef } from '../../model/index.js';
import { applyRestDefinitions } from '../cloudformation/apply-rest-definitions.js';
import { TemplateError } from '../template-error.js';
import { addCorsPreflight, corsPreflightOf } from './add-cors-preflight.js';
import { assembleHttpApis } from './assemble-http-apis.js';
import { assembleUsagePlans, usagePlanResourceTypes } from './assemble-usage-plans.js';
import { buildResources } from './build-resources.js';
import { findClosestKey } from './closest-key.js';
import { applyGlobals, implicitApiProperties, readGlobals, type TemplateGlobals } from './globals.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { checkKnownKeys, resourceKeys } from './known-properties.js';
import { ParameterTable } from './parameters.js';
import { parseTemplate } from './parse-template.js';
import { type ApiRoute, implicitApiLogicalId } from './read-api-event.js';
import { methodAuthorizationOf, resolveRestAuthorizers } from './read-auth.js';
import { type InlineCode, readFunction } from './read-function.js';
import { readHttpApi } from './read-http-api.js';
import type { PendingHttpRoute } from './read-http-api-event.js';
import { type RestApiSettings, readRestApi } from './read-rest-api.js';
import { apiLogicalIdResolver } from './read-usage-plans.js';
import { restApiIdFor } from './stable-id.js';
import {
  createResolver,
  implicitApiResource,
  implicitHttpApiResource,
  type LoadOptions,
  pseudoParametersFor,
} from './template-context.js';
import { describeNode, type MapNode, type TemplateNode } from './template-node.js';

export type { LoadOptions } from './template-context.js';

const topLevelKeys = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Globals',
  'Resources',
  'Outputs',
  'Hooks',
];

/** Resource types gatehouse recognises but does not serve, with the reason shown at start-up. */
const ignoredReasons: Readonly<Record<string, string>> = {};

/**
 * Reads a SAM template (YAML or JSON) into the ApiModel gatehouse serves. Throws a TemplateError naming the
 * file, line, key and the fix for anything it cannot serve faithfully.
 */
export async function loadSamTemplate(file: string, options: LoadOptions = {}): Promise<ApiModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new TemplateError({ file, line: 0, column: 0, keyPath: '' }, `cannot read the template: ${reason}`, { cause: error });
  }
  const { model, inlineCode } = readSamTemplate(text, file, options);
  for (const code of inlineCode) {
    await mkdir(code.directory, { recursive: true });
    await writeFile(path.join(code.directory, code.fileName), code.code);
  }
  return model;
}

/** The first of template.yaml, template.yml, template.json in `cwd` (as `sam` looks for it), if any. */
export async function findDefaultTemplate(cwd: string): Promise<string | undefined> {
  for (const name of ['template.yaml', 'template.yml', 'template.json']) {
    const candidate = path.join(cwd, name);
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** The pure part of loadSamTemplate: text in, model out (plus inline code to write). */
export function readSamTemplate(
  text: string,
  file: string,
  options: LoadOptions = {},
): { model: ApiModel; inlineCode: InlineCode[] } {
  const root = parseTemplate(text, file);
  checkTopLevel(root);
  const at: SourceRef = root.ref;
  const resources = readResourceList(root);
  const implicitApi = implicitApiResource(resources);
  const implicitHttpApi = implicitHttpApiResource(resources);
  const known = new Map(resources);
  for (const implicit of [implicitApi, implicitHttpApi]) {
    if (implicit !== undefined && !known.has(implicit.logicalId)) known.set(implicit.logicalId, implicit);
  }
  const { resolver, functionNameOf } = createResolver({
    pseudo: pseudoParametersFor(options),
    parameters: ParameterTable.read(root.entries.get('Parameters'), options.parameterOverrides ?? {}, at),
    conditions: optionalMap(root.entries.get('Conditions')),
    mappings: optionalMap(root.entries.get('Mappings')),
    resources: known,
  });
  const globals = readGlobals(root.entries.get('Globals'));
  const templateDir = path.dirname(path.resolve(file));
  const read = readEachResource({ resources, known, resolver, functionNameOf, globals, templateDir });
  const { routes, ignored, apis } = read;
  if (implicitApi !== undefined && routes.some((route) => route.restApiLogicalId === implicitApi.logicalId)) {
    const properties = implicitApiProperties(globals.api, implicitApi.node.ref);
    const settings = readRestApi({
      logicalId: implicitApi.logicalId,
      properties,
      resolver,
      implicit: true,
      source: implicitApi.node.ref,
    });
    apis.unshift(settings.api);
    ignored.push(...settings.ignored);
    read.apiSettings.unshift(settings);
  }
  const keyDefaults = new Map(read.apiSettings.map((settings) => [settings.api.logicalId, settings.apiKeyRequired]));
  const authSettings = new Map(read.apiSettings.map((settings) => [settings.api.logicalId, settings.auth]));
  const restApis: RestApi[] = apis.map((api) =>
    Object.assign(api, {
      ...(authSettings.get(api.logicalId)?.authorizers.length
        ? { authorizers: resolveRestAuthorizers(authSettings.get(api.logicalId), read.functions) }
        : {}),
      resources: buildResources(
        api.logicalId,
        routes
          .filter((route) => route.restApiLogicalId === api.logicalId)
          .map((route) => {
            const authorization = methodAuthorizationOf(route.auth, authSettings.get(api.logicalId), route.source);
            return authorization === undefined ? route : { ...route, authorization };
          })
          .map((route) =>
            route.apiKeyRequired === undefined && keyDefaults.get(api.logicalId) === true
              ? { ...route, apiKeyRequired: true }
              : route,
          ),
      ),
    }),
  );
  const usage = assembleUsagePlans({
    apiSettings: read.apiSettings,
    resources: read.usageResources,
    resolver,
    apiLogicalIdOf: apiLogicalIdResolver(resources, implicitApiLogicalId),
  });
  const definitionFiles = read.apiSettings.flatMap((settings) => (settings.definitionFile ? [settings.definitionFile] : []));
  const http = assembleHttpApis(read.http, {
    resolver,
    functionNameOf,
    templateDir,
    implicitHttpApi,
    globalsHttpApi: globals.httpApi,
  });
  ignored.push(...http.ignored);
  const notCreated = new Set(ignored.filter((item) => item.reason.startsWith('not created')).map((item) => item.logicalId));
  const rest = applyRestDefinitions({
    resources,
    restApis,
    resolver,
    functionNameOf,
    templateDir,
    samFunctions: read.functions,
    created: (logicalId) => !notCreated.has(logicalId),
  });
  const functions = [...read.functions, ...http.functions];
  for (const fn of rest.functions) if (!functions.some((known) => known.logicalId === fn.logicalId)) functions.push(fn);
  return {
    model: {
      templateFile: path.resolve(file),
      restApis: rest.restApis.map((api) => {
        // SAM adds Cors's OPTIONS methods to the whole definition: the events' paths and DefinitionBody's.
        const preflight = corsPreflightOf(read.apiSettings.find((settings) => settings.api.logicalId === api.logicalId));
        return preflight === undefined ? api : addCorsPreflight(api, preflight);
      }),
      httpApis: http.httpApis,
      functions,
      ignored: [...ignored.filter((item) => !rest.consumed.has(item.logicalId)), ...rest.ignored],
      usagePlans: usage.plans,
      apiKeys: usage.keys,
      definitionFiles: [...new Set([...definitionFiles, ...rest.definitionFiles])],
    },
    inlineCode: read.inlineCode,
  };
}

interface ResourceReading {
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /** The resources plus SAM's implicit API, for Ref and RestApiId. */
  readonly known: ReadonlyMap<string, TemplateResource>;
  readonly resolver: IntrinsicResolver;
  readonly functionNameOf: (resource: TemplateResource) => string;
  readonly globals: TemplateGlobals;
  readonly templateDir: string;
}

/**
 * Reads every resource in template order: functions and APIs, the rest ignored with a reason. Plain
 * AWS::ApiGatewayV2::* and AWS::Lambda::Function resources are collected for assembleHttpApis.
 */
function readEachResource(input: ResourceReading) {
  const { resolver, globals } = input;
  const functions: FunctionSpec[] = [];
  const routes: ApiRoute[] = [];
  const ignored: IgnoredResource[] = [];
  const inlineCode: InlineCode[] = [];
  const apis: Omit<RestApi, 'resources'>[] = [];
  const apiSettings: RestApiSettings[] = [];
  const usageResources: TemplateResource[] = [];
  const samHttpApis: Omit<HttpApi, 'routes'>[] = [];
  const eventRoutes: PendingHttpRoute[] = [];
  const v2Resources: TemplateResource[] = [];
  const lambdaFunctions: TemplateResource[] = [];
  for (const resource of input.resources.values()) {
    const skipped = skippedByCondition(resource, resolver);
    if (skipped !== undefined) {
      ignored.push(skipped);
    } else if (resource.type === 'AWS::Serverless::Function') {
      const result = readFunction({
        resource,
        properties: propertiesWithGlobals(resource, globals.function),
        functionName: input.functionNameOf(resource),
        resolver,
        templateDir: input.templateDir,
        resources: input.known,
        restApiIdOf: restApiIdFor,
      });
      if (result.kind === 'ignored') {
        ignored.push(result.ignored);
        continue;
      }
      functions.push(result.spec);
      routes.push(...result.routes);
      eventRoutes.push(...result.httpRoutes);
      ignored.push(...result.ignored);
      if (result.inlineCode !== undefined) inlineCode.push(result.inlineCode);
    } else if (resource.type === 'AWS::Serverless::Api') {
      const properties = propertiesWithGlobals(resource, globals.api);
      const settings = readRestApi({
        logicalId: resource.logicalId,
        properties,
        resolver,
        implicit: false,
        source: resource.node.ref,
      });
      apis.push(settings.api);
      apiSettings.push(settings);
      ignored.push(...settings.ignored);
    } else if (usagePlanResourceTypes.includes(resource.type)) {
      usageResources.push(resource);
    } else if (resource.type === 'AWS::Serverless::HttpApi') {
      const settings = readHttpApi({
        logicalId: resource.logicalId,
        properties: propertiesWithGlobals(resource, globals.httpApi),
        resolver,
        implicit: false,
        source: resource.node.ref,
      });
      samHttpApis.push(settings.api);
      ignored.push(...settings.ignored);
    } else if (resource.type.startsWith('AWS::ApiGatewayV2::')) {
      v2Resources.push(resource);
    } else if (resource.type === 'AWS::Lambda::Function') {
      lambdaFunctions.push(resource);
    } else {
      const reason = ignoredReasons[resource.type] ?? 'not emulated';
      ignored.push({ logicalId: resource.logicalId, type: resource.type, reason, source: resource.node.ref });
    }
  }
  const http = { samApis: samHttpApis, eventRoutes, v2Resources, lambdaFunctions, functions };
  return { functions, routes, ignored, inlineCode, apis, http, apiSettings, usageResources };
}

function checkTopLevel(root: MapNode): void {
  for (const [key, value] of root.entries) {
    if (topLevelKeys.includes(key)) continue;
    const closest = findClosestKey(key, topLevelKeys);
    throw new TemplateError(value.ref, `unknown template section ${key}${closest ? `; did you mean ${closest}?` : ''}`);
  }
}

function optionalMap(node: TemplateNode | undefined): MapNode | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind !== 'map') throw new TemplateError(node.ref, `must be a map, got ${describeNode(node)}`);
  return node;
}

function readResourceList(root: MapNode): Map<string, TemplateResource> {
  const section = optionalMap(root.entries.get('Resources'));
  if (section === undefined || section.entries.size === 0) {
    throw new TemplateError(
      section?.ref ?? root.ref,
      'the template has no Resources; declare at least one AWS::Serverless::Function',
    );
  }
  const resources = new Map<string, TemplateResource>();
  for (const [logicalId, node] of section.entries) {
    if (node.kind !== 'map')
      throw new TemplateError(node.ref, `a resource must be a map with Type and Properties, got ${describeNode(node)}`);
    const type = node.entries.get('Type');
    if (type?.kind !== 'scalar' || typeof type.value !== 'string') {
      throw new TemplateError(type?.ref ?? node.ref, 'Type is required; write e.g. Type: AWS::Serverless::Function');
    }
    if (type.value.startsWith('AWS::Serverless::')) checkKnownKeys(node, resourceKeys, `resource ${logicalId}`);
    resources.set(logicalId, { logicalId, type: type.value, node });
  }
  return resources;
}

function skippedByCondition(resource: TemplateResource, resolver: IntrinsicResolver): IgnoredResource | undefined {
  const condition = resource.node.entries.get('Condition');
  if (condition === undefined) return undefined;
  if (condition.kind !== 'scalar' || typeof condition.value !== 'string') {
    throw new TemplateError(condition.ref, `Condition must name a condition of Conditions, got ${describeNode(condition)}`);
  }
  if (resolver.isConditionTrue(condition.value, condition.ref)) return undefined;
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    reason: `not created: condition ${condition.value} is false`,
    source: resource.node.ref,
  };
}

function propertiesWithGlobals(resource: TemplateResource, globals: TemplateGlobals['function']): MapNode {
  const raw = resource.node.entries.get('Properties');
  const properties: MapNode =
    raw === undefined || (raw.kind === 'scalar' && raw.value === null)
      ? { kind: 'map', entries: new Map(), ref: { ...resource.node.ref, keyPath: `${resource.node.ref.keyPath}.Properties` } }
      : expectMap(raw);
  return applyGlobals(globals, properties, resource.node.entries.get('IgnoreGlobals'));
}

function expectMap(node: TemplateNode): MapNode {
  if (node.kind !== 'map') throw new TemplateError(node.ref, `must be a map, got ${describeNode(node)}`);
  return node;
}
