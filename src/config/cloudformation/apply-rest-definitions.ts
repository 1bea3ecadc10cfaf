/**
 * The REST API parts of a template that are not SAM events: an AWS::Serverless::Api's OpenAPI definition
 * (DefinitionBody inline, or DefinitionUri a local file; positions point into that file), and plain
 * AWS::ApiGateway::* resources (CDK output). Runs after the SAM reading; returns the completed RestApis and the
 * functions their integrations call.
 * AWS (SAM): with DefinitionBody, SAM adds the functions' Api events to the definition's paths
 * (sam-resource-api.html#sam-api-definitionbody).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FunctionSpec, IgnoredResource, RestApi, SourceRef, StageSpec } from '../../model/index.js';
import { buildRestResources } from '../openapi/build-rest-resources.js';
import type { DeclaredMethod } from '../openapi/read-openapi.js';
import { readOpenApi } from '../openapi/read-openapi.js';
import { stageFunctionUris } from '../openapi/stage-variable-functions.js';
import type { IntrinsicResolver, TemplateResource } from '../sam/intrinsics.js';
import { parseTemplate } from '../sam/parse-template.js';
import type { MapNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';
import { isPlainRestResource, readApiGatewayRest } from './read-api-gateway-rest.js';
import { resolveDeep } from './resolve-deep.js';
import { RestFunctionLocator } from './rest-function-locator.js';

export interface RestDefinitionInput {
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly restApis: readonly RestApi[];
  readonly resolver: IntrinsicResolver;
  readonly functionNameOf: (resource: TemplateResource) => string;
  readonly templateDir: string;
  readonly samFunctions: readonly FunctionSpec[];
  /** Created (Condition true) resources only. */
  readonly created: (logicalId: string) => boolean;
}

export interface RestDefinitionReading {
  readonly restApis: RestApi[];
  /** Plain AWS::Lambda::Function resources REST integrations call. */
  readonly functions: FunctionSpec[];
  readonly ignored: IgnoredResource[];
  /** Logical ids now served (their earlier "not emulated" entries are stale). */
  readonly consumed: ReadonlySet<string>;
  readonly definitionFiles: string[];
}

export function applyRestDefinitions(input: RestDefinitionInput): RestDefinitionReading {
  const all = [...input.resources.values()].filter((r) => input.created(r.logicalId));
  const locator = new RestFunctionLocator(
    input.samFunctions,
    all.filter((r) => r.type === 'AWS::Lambda::Function'),
    input.resolver,
    input.functionNameOf,
    input.templateDir,
  );
  const functionFor = (uri: string, at: SourceRef) => locator.logicalIdFor(uri, at);
  const ignored: IgnoredResource[] = [];
  const definitionFiles: string[] = [];
  const restApis = input.restApis.map((api) => {
    const resource = input.resources.get(api.logicalId);
    if (resource?.type !== 'AWS::Serverless::Api') return api;
    const definition = readDefinition(resource, input, definitionFiles);
    if (definition === undefined) return api;
    const reading = readOpenApi(definition, api.logicalId, functionFor);
    ignored.push(...reading.ignored);
    const fromEvents: DeclaredMethod[] = api.resources.flatMap((r) =>
      r.methods.map((method) => ({ path: r.path, pathSource: method.source, method })),
    );
    const binary = [...new Set([...(reading.binaryMediaTypes?.types ?? []), ...api.binaryMediaTypes])];
    return {
      ...api,
      name: api.name === api.logicalId && reading.title ? reading.title : api.name,
      binaryMediaTypes: binary,
      ...((api.binaryMediaTypesSource ?? reading.binaryMediaTypes?.ref)
        ? { binaryMediaTypesSource: api.binaryMediaTypesSource ?? reading.binaryMediaTypes?.ref }
        : {}),
      ...((api.apiKeySourceType ?? reading.apiKeySourceType)
        ? { apiKeySourceType: api.apiKeySourceType ?? reading.apiKeySourceType }
        : {}),
      ...(reading.minimumCompressionSize === undefined ? {} : { minimumCompressionSize: reading.minimumCompressionSize }),
      gatewayResponses: [...(api.gatewayResponses ?? []), ...reading.gatewayResponses],
      authorizers: [...(api.authorizers ?? []), ...reading.authorizers],
      models: [...(api.models ?? []), ...reading.models],
      resources: buildRestResources(api.logicalId, [...reading.methods, ...fromEvents]),
    } as RestApi;
  });
  const plain = all.filter((r) => isPlainRestResource(r.type));
  const samApis = input.restApis.map((api) => api.logicalId);
  const cfn = readApiGatewayRest(plain, input.resolver, functionFor, samApis);
  ignored.push(...cfn.ignored);
  const served = [...restApis.map((api) => withStageResources(api, cfn.samApiStages.get(api.logicalId) ?? [])), ...cfn.restApis];
  for (const { functionName } of served.flatMap(stageFunctionUris)) locator.readNamedByStage(functionName);
  return {
    restApis: served,
    functions: [...locator.used.values()],
    ignored,
    consumed: new Set([...plain.map((r) => r.logicalId), ...locator.used.keys()]),
    definitionFiles,
  };
}

/**
 * AWS::ApiGateway::Stage resources whose RestApiId is !Ref of an AWS::Serverless::Api add stages to the API SAM
 * creates (serving the same methods); a name SAM's own stage already has is an error, as CloudFormation's
 * "Stage already exists".
 */
function withStageResources(api: RestApi, extra: readonly StageSpec[]): RestApi {
  if (extra.length === 0) return api;
  for (const stage of extra) {
    const taken = api.stages.find((s) => s.name === stage.name);
    if (taken !== undefined) {
      throw new TemplateError(
        stage.source,
        `${api.logicalId} already has a stage named ${stage.name} (declared at ${taken.source.file}:${taken.source.line}); each stage name may be used once per API`,
      );
    }
  }
  return { ...api, stages: [...api.stages, ...extra] };
}

function readDefinition(resource: TemplateResource, input: RestDefinitionInput, files: string[]): MapNode | undefined {
  const properties = resource.node.entries.get('Properties');
  if (properties?.kind !== 'map') return undefined;
  const body = properties.entries.get('DefinitionBody');
  if (body !== undefined) {
    const resolved = resolveDeep(body, input.resolver);
    if (resolved.kind !== 'map') throw new TemplateError(body.ref, 'DefinitionBody must be an OpenAPI document (a map)');
    return resolved;
  }
  const uri = properties.entries.get('DefinitionUri');
  if (uri === undefined) return undefined;
  const resolved = resolveDeep(uri, input.resolver);
  if (resolved.kind !== 'scalar' || typeof resolved.value !== 'string' || resolved.value.startsWith('s3://')) {
    throw new TemplateError(
      uri.ref,
      'DefinitionUri must be a local file (relative to the template) for gatehouse to read it; an S3 location cannot be read locally',
    );
  }
  const file = path.resolve(input.templateDir, resolved.value);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateError(
      uri.ref,
      `cannot read DefinitionUri ${resolved.value}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  files.push(file);
  // SAM CLI reads the file as it is (no intrinsic functions; AWS::Include is needed for those).
  return parseTemplate(text, file);
}
