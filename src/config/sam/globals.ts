import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { findClosestKey } from './closest-key.js';
import { describeNode, type MapNode, type TemplateNode } from './template-node.js';

/**
 * SAM's Globals section, merged into each resource before anything else is read.
 * AWS: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 * Merge rules as samtranslator/plugins/globals/globals.py applies them: the resource's primitive replaces the
 * global one; maps merge key by key (recursively); lists concatenate, globals first; when the two kinds differ
 * the resource's value wins; an intrinsic function counts as a primitive.
 */
const functionGlobals = [
  'Handler',
  'Runtime',
  'CodeUri',
  'DeadLetterQueue',
  'Description',
  'MemorySize',
  'Timeout',
  'VpcConfig',
  'Environment',
  'Tags',
  'PropagateTags',
  'Tracing',
  'KmsKeyArn',
  'AutoPublishAlias',
  'AutoPublishAliasAllProperties',
  'Layers',
  'DeploymentPreference',
  'RolePath',
  'PermissionsBoundary',
  'ReservedConcurrentExecutions',
  'ProvisionedConcurrencyConfig',
  'AssumeRolePolicyDocument',
  'EventInvokeConfig',
  'FileSystemConfigs',
  'CodeSigningConfigArn',
  'Architectures',
  'SnapStart',
  'EphemeralStorage',
  'FunctionUrlConfig',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'RecursiveLoop',
  'SourceKMSKeyArn',
] as const;

const apiGlobals = [
  'Auth',
  'Name',
  'DefinitionUri',
  'CacheClusterEnabled',
  'CacheClusterSize',
  'MergeDefinitions',
  'Variables',
  'EndpointConfiguration',
  'MethodSettings',
  'BinaryMediaTypes',
  'MinimumCompressionSize',
  'Cors',
  'GatewayResponses',
  'AccessLogSetting',
  'CanarySetting',
  'TracingEnabled',
  'OpenApiVersion',
  'Domain',
  'AlwaysDeploy',
  'PropagateTags',
] as const;

// samtranslator/plugins/globals/globals.py, supported_properties for AWS::Serverless::HttpApi.
const httpApiGlobals = [
  'Auth',
  'AccessLogSettings',
  'StageVariables',
  'Tags',
  'CorsConfiguration',
  'DefaultRouteSettings',
  'Domain',
  'RouteSettings',
  'FailOnWarnings',
  'PropagateTags',
] as const;

/** Properties SAM refuses in Globals on purpose. */
const refusedInGlobals: Readonly<Record<string, readonly string[]>> = {
  Function: ['Role', 'Policies', 'FunctionName', 'Events'],
  Api: ['StageName', 'DefinitionBody'],
  HttpApi: ['StageName', 'DefinitionBody'],
};

/** Sections SAM accepts; gatehouse checks the keys of the three it reads. */
const sections = ['Api', 'Function', 'HttpApi', 'SimpleTable', 'StateMachine', 'LayerVersion', 'CapacityProvider'];

export interface TemplateGlobals {
  readonly function: MapNode | undefined;
  readonly api: MapNode | undefined;
  readonly httpApi: MapNode | undefined;
}

export function readGlobals(node: TemplateNode | undefined): TemplateGlobals {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) {
    return { function: undefined, api: undefined, httpApi: undefined };
  }
  if (node.kind !== 'map') throw new TemplateError(node.ref, `Globals must be a map, got ${describeNode(node)}`);
  for (const [name, section] of node.entries) {
    if (!sections.includes(name)) {
      const closest = findClosestKey(name, sections);
      const hint = closest === undefined ? `use one of ${sections.join(', ')}` : `did you mean ${closest}?`;
      throw new TemplateError(section.ref, `Globals has no section ${name}; ${hint}`);
    }
    if (section.kind !== 'map') throw new TemplateError(section.ref, `must be a map, got ${describeNode(section)}`);
  }
  const fn = node.entries.get('Function') as MapNode | undefined;
  const api = node.entries.get('Api') as MapNode | undefined;
  if (fn !== undefined) checkGlobalKeys(fn, 'Function', functionGlobals);
  const httpApi = node.entries.get('HttpApi') as MapNode | undefined;
  if (api !== undefined) checkGlobalKeys(api, 'Api', apiGlobals);
  if (httpApi !== undefined) checkGlobalKeys(httpApi, 'HttpApi', httpApiGlobals);
  return { function: fn, api, httpApi };
}

function checkGlobalKeys(section: MapNode, name: string, supported: readonly string[]): void {
  for (const [key, value] of section.entries) {
    if (supported.includes(key)) continue;
    if (refusedInGlobals[name]?.includes(key)) {
      throw new TemplateError(value.ref, `SAM does not allow ${key} in Globals.${name}; set it on each resource instead`);
    }
    const closest = findClosestKey(key, supported);
    const hint = closest === undefined ? `supported: ${supported.join(', ')}` : `did you mean ${closest}?`;
    throw new TemplateError(value.ref, `${key} is not a supported property of Globals.${name}; ${hint}`);
  }
}

/**
 * The resource's Properties with the globals merged in. `IgnoreGlobals` (a resource attribute) drops all
 * globals (`'*'`) or the listed ones, as SAM does.
 */
export function applyGlobals(
  globals: MapNode | undefined,
  properties: MapNode,
  ignoreGlobals: TemplateNode | undefined,
): MapNode {
  if (globals === undefined) return properties;
  const kept = withoutIgnored(globals, ignoreGlobals);
  return mergeNodes(kept, properties) as MapNode;
}

function withoutIgnored(globals: MapNode, ignore: TemplateNode | undefined): MapNode {
  if (ignore === undefined) return globals;
  if (ignore.kind === 'scalar' && ignore.value === '*') return { ...globals, entries: new Map() };
  if (ignore.kind !== 'seq') {
    throw new TemplateError(ignore.ref, `IgnoreGlobals must be '*' or a list of property names, got ${describeNode(ignore)}`);
  }
  const entries = new Map(globals.entries);
  for (const item of ignore.items) {
    const name = item.kind === 'scalar' ? String(item.value) : '';
    if (!entries.delete(name)) {
      throw new TemplateError(item.ref, `IgnoreGlobals names ${describeNode(item)}, which Globals does not set`);
    }
  }
  return { ...globals, entries };
}

function mergeNodes(global: TemplateNode, local: TemplateNode): TemplateNode {
  if (global.kind === 'map' && local.kind === 'map') {
    const entries = new Map(global.entries);
    for (const [key, value] of local.entries) {
      const existing = entries.get(key);
      entries.set(key, existing === undefined ? value : mergeNodes(existing, value));
    }
    return { kind: 'map', entries, ref: local.ref };
  }
  if (global.kind === 'seq' && local.kind === 'seq') {
    return { kind: 'seq', items: [...global.items, ...local.items], ref: local.ref };
  }
  return local;
}

/** The properties of SAM's implicit API: Globals.Api over nothing. */
export function implicitApiProperties(globals: MapNode | undefined, at: SourceRef): MapNode {
  return { kind: 'map', entries: new Map(globals?.entries ?? []), ref: globals?.ref ?? at };
}
