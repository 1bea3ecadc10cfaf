/**
 * Plain CloudFormation REST APIs (what `cdk synth` writes): AWS::ApiGateway::RestApi, Resource, Method,
 * Deployment, Stage, GatewayResponse, Model and RequestValidator, put together into RestApis.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGateway.html
 */

import type {
  GatewayResponseSpec,
  HttpMethod,
  IgnoredResource,
  ModelSpec,
  RequestValidatorSpec,
  RestApi,
  StageSpec,
} from '../../model/index.js';
import { buildIntegration, type FunctionFor } from '../openapi/build-integration.js';
import { buildRestResources } from '../openapi/build-rest-resources.js';
import { asBoolean, asInteger, asMap, asString, asStringList, asStringMap, plainValue } from '../openapi/node-values.js';
import type { DeclaredMethod } from '../openapi/read-openapi.js';
import { readOpenApi } from '../openapi/read-openapi.js';
import type { IntrinsicResolver, TemplateResource } from '../sam/intrinsics.js';
import { PropertyReader } from '../sam/property-reader.js';
import { accessLogOf } from '../sam/read-access-log-setting.js';
import { readMethodSettings } from '../sam/read-rest-api.js';
import { resourceIdFor, restApiIdFor } from '../sam/stable-id.js';
import { readStageVariables } from '../sam/stage-variables.js';
import type { MapNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';
import { cfnIntegrationFields, cfnMethodResponses } from './cfn-integration-fields.js';
import { resolveDeep } from './resolve-deep.js';

const handled = ['RestApi', 'Resource', 'Method', 'Deployment', 'Stage', 'GatewayResponse', 'Model', 'RequestValidator'].map(
  (type) => `AWS::ApiGateway::${type}`,
);

export function isPlainRestResource(type: string): boolean {
  return handled.includes(type);
}

export interface ApiGatewayRestReading {
  readonly restApis: RestApi[];
  readonly ignored: IgnoredResource[];
  /** AWS::ApiGateway::Stage (and Deployment StageName) stages of SAM APIs, by the SAM API's logical id. */
  readonly samApiStages: ReadonlyMap<string, StageSpec[]>;
}

export function readApiGatewayRest(
  resources: readonly TemplateResource[],
  resolver: IntrinsicResolver,
  functionFor: FunctionFor,
  samApis: readonly string[] = [],
): ApiGatewayRestReading {
  const props = new Map(resources.map((r) => [r.logicalId, propertiesOf(r, resolver)]));
  const ofType = (type: string) => resources.filter((r) => r.type === `AWS::ApiGateway::${type}`);
  const apiByValue = new Map(
    [...ofType('RestApi').map((r) => r.logicalId), ...samApis].map((logicalId) => [restApiIdFor(logicalId), logicalId]),
  );
  const apiOf = (owner: TemplateResource): string => {
    const map = props.get(owner.logicalId) as MapNode;
    const value = asString(map.entries.get('RestApiId'), 'RestApiId');
    const api = value === undefined ? undefined : apiByValue.get(value);
    if (api === undefined) {
      throw new TemplateError(
        map.entries.get('RestApiId')?.ref ?? owner.node.ref,
        `RestApiId must be !Ref of an AWS::ApiGateway::RestApi or AWS::Serverless::Api of this template, got ${JSON.stringify(value)}`,
      );
    }
    return api;
  };
  const paths = resourcePaths(ofType('Resource'), props, apiByValue, apiOf);
  const validators = new Map(
    ofType('RequestValidator').map((r) => [r.logicalId, readValidator(r, props.get(r.logicalId) as MapNode)]),
  );
  const models = new Map(
    ofType('Model').map((r) => [r.logicalId, { api: apiOf(r), model: readModel(r, props.get(r.logicalId) as MapNode) }]),
  );
  const methods = new Map<string, DeclaredMethod[]>();
  for (const resource of ofType('Method')) {
    const api = apiOf(resource);
    const declared = readMethod(resource, props.get(resource.logicalId) as MapNode, {
      api,
      paths,
      validators,
      models,
      functionFor,
    });
    methods.set(api, [...(methods.get(api) ?? []), declared]);
  }
  const ignored: IgnoredResource[] = [];
  const restApis = ofType('RestApi').map((resource) => {
    const map = props.get(resource.logicalId) as MapNode;
    const logicalId = resource.logicalId;
    const body = asMap(map.entries.get('Body'), 'Body');
    const definition = body === undefined ? undefined : readOpenApi(body, logicalId, functionFor);
    if (map.entries.has('BodyS3Location')) {
      ignored.push({
        logicalId,
        type: resource.type,
        reason: 'BodyS3Location is not read (the definition is in S3); use Body',
        source: resource.node.ref,
      });
    }
    const binaryNode = map.entries.get('BinaryMediaTypes');
    const binaryTypes = asStringList(binaryNode, 'BinaryMediaTypes') ?? definition?.binaryMediaTypes?.types ?? [];
    const keySource = asString(map.entries.get('ApiKeySourceType'), 'ApiKeySourceType') ?? definition?.apiKeySourceType;
    const compression =
      asInteger(map.entries.get('MinimumCompressionSize'), 'MinimumCompressionSize', 0, 10485760) ??
      definition?.minimumCompressionSize;
    const stages = stagesOf(logicalId, ofType('Stage'), ofType('Deployment'), props, apiOf, resolver);
    if (stages.length === 0) {
      ignored.push({
        logicalId,
        type: resource.type,
        reason: 'has no stage (AWS::ApiGateway::Stage or Deployment StageName), so it is not reachable',
        source: resource.node.ref,
      });
    }
    const api: RestApi = {
      logicalId,
      id: restApiIdFor(logicalId),
      name: asString(map.entries.get('Name'), 'Name') ?? definition?.title ?? logicalId,
      binaryMediaTypes: binaryTypes,
      ...(binaryNode
        ? { binaryMediaTypesSource: binaryNode.ref }
        : definition?.binaryMediaTypes
          ? { binaryMediaTypesSource: definition.binaryMediaTypes.ref }
          : {}),
      ...(keySource === 'HEADER' || keySource === 'AUTHORIZER' ? { apiKeySourceType: keySource } : {}),
      ...(compression === undefined ? {} : { minimumCompressionSize: compression }),
      ...(definition && definition.authorizers.length > 0 ? { authorizers: definition.authorizers } : {}),
      gatewayResponses: [
        ...(definition?.gatewayResponses ?? []),
        ...ofType('GatewayResponse')
          .filter((r) => apiOf(r) === logicalId)
          .map((r) => readGatewayResponse(r, props.get(r.logicalId) as MapNode)),
      ],
      models: [...(definition?.models ?? []), ...[...models.values()].filter((m) => m.api === logicalId).map((m) => m.model)],
      resources: buildRestResources(logicalId, [...(definition?.methods ?? []), ...(methods.get(logicalId) ?? [])]),
      stages,
      implicit: false,
      source: resource.node.ref,
    };
    return api;
  });
  const samApiStages = new Map(
    samApis.map((api) => [api, stagesOf(api, ofType('Stage'), ofType('Deployment'), props, apiOf, resolver)]),
  );
  return { restApis, ignored, samApiStages };
}

function propertiesOf(resource: TemplateResource, resolver: IntrinsicResolver): MapNode {
  const raw = resource.node.entries.get('Properties');
  if (raw === undefined) return { kind: 'map', entries: new Map(), ref: resource.node.ref };
  const resolved = resolveDeep(raw, resolver);
  if (resolved.kind !== 'map') throw new TemplateError(raw.ref, 'Properties must be a map');
  return resolved;
}

/** Full path of every AWS::ApiGateway::Resource, from ParentId (the root's id, or !Ref of another Resource) and PathPart. */
function resourcePaths(
  list: readonly TemplateResource[],
  props: ReadonlyMap<string, MapNode>,
  apiByValue: ReadonlyMap<string, string>,
  apiOf: (r: TemplateResource) => string,
): Map<string, string> {
  const rootIds = new Map([...apiByValue.values()].map((api) => [resourceIdFor(api, '/'), api]));
  const byId = new Map(list.map((r) => [r.logicalId, r]));
  const paths = new Map<string, string>();
  const pathOf = (resource: TemplateResource, depth: number): string => {
    const known = paths.get(resource.logicalId);
    if (known !== undefined) return known;
    if (depth > 50) throw new TemplateError(resource.node.ref, 'ParentId forms a cycle');
    const map = props.get(resource.logicalId) as MapNode;
    const part = asString(map.entries.get('PathPart'), 'PathPart');
    const parentValue = asString(map.entries.get('ParentId'), 'ParentId');
    if (part === undefined || parentValue === undefined) throw new TemplateError(map.ref, 'ParentId and PathPart are required');
    let parentPath: string;
    if (rootIds.get(parentValue) === apiOf(resource)) parentPath = '/';
    else {
      const parent = byId.get(parentValue);
      if (parent === undefined) {
        throw new TemplateError(
          map.entries.get('ParentId')?.ref ?? map.ref,
          `ParentId must be !GetAtt <RestApi>.RootResourceId or !Ref of another AWS::ApiGateway::Resource, got ${JSON.stringify(parentValue)}`,
        );
      }
      parentPath = pathOf(parent, depth + 1);
    }
    const path = parentPath === '/' ? `/${part}` : `${parentPath}/${part}`;
    paths.set(resource.logicalId, path);
    return path;
  };
  for (const resource of list) pathOf(resource, 0);
  return paths;
}

interface MethodContext {
  readonly api: string;
  readonly paths: ReadonlyMap<string, string>;
  readonly validators: ReadonlyMap<string, RequestValidatorSpec>;
  readonly models: ReadonlyMap<string, { api: string; model: ModelSpec }>;
  readonly functionFor: FunctionFor;
}

function readMethod(resource: TemplateResource, map: MapNode, ctx: MethodContext): DeclaredMethod {
  const resourceValue = asString(map.entries.get('ResourceId'), 'ResourceId');
  const path = resourceValue === resourceIdFor(ctx.api, '/') ? '/' : ctx.paths.get(resourceValue ?? '');
  if (path === undefined) {
    throw new TemplateError(
      map.entries.get('ResourceId')?.ref ?? map.ref,
      `ResourceId must be !GetAtt ${ctx.api}.RootResourceId or !Ref of an AWS::ApiGateway::Resource, got ${JSON.stringify(resourceValue)}`,
    );
  }
  const httpMethod = (asString(map.entries.get('HttpMethod'), 'HttpMethod') ?? '').toUpperCase() as HttpMethod;
  const integrationNode = asMap(map.entries.get('Integration'), 'Integration');
  if (integrationNode === undefined)
    throw new TemplateError(map.ref, 'Integration is required (gatehouse serves methods with an integration)');
  const validatorId = asString(map.entries.get('RequestValidatorId'), 'RequestValidatorId');
  const validator = validatorId === undefined ? undefined : ctx.validators.get(validatorId);
  const requestModels = Object.fromEntries(
    asStringMap(map.entries.get('RequestModels'), 'RequestModels').map(({ key, value }) => [
      key,
      ctx.models.get(value)?.model.name ?? value,
    ]),
  );
  const requestParameters = Object.fromEntries(
    [...(asMap(map.entries.get('RequestParameters'), 'RequestParameters')?.entries ?? [])].map(([key, value]) => [
      key,
      asBoolean(value, key) ?? false,
    ]),
  );
  const apiKeyRequired = asBoolean(map.entries.get('ApiKeyRequired'), 'ApiKeyRequired');
  return {
    path,
    pathSource: resource.node.ref,
    method: {
      httpMethod,
      integration: buildIntegration(cfnIntegrationFields(integrationNode), ctx.functionFor),
      methodResponses: cfnMethodResponses(map.entries.get('MethodResponses')),
      ...(validator || Object.keys(requestModels).length > 0 || Object.keys(requestParameters).length > 0
        ? { requestRules: { ...(validator ? { validator } : {}), requestParameters, requestModels } }
        : {}),
      ...(apiKeyRequired ? { apiKeyRequired } : {}),
      source: resource.node.ref,
    },
  };
}

function readValidator(resource: TemplateResource, map: MapNode): RequestValidatorSpec {
  return {
    name: asString(map.entries.get('Name'), 'Name') ?? resource.logicalId,
    validateRequestBody: asBoolean(map.entries.get('ValidateRequestBody'), 'ValidateRequestBody') ?? false,
    validateRequestParameters: asBoolean(map.entries.get('ValidateRequestParameters'), 'ValidateRequestParameters') ?? false,
    source: resource.node.ref,
  };
}

function readModel(resource: TemplateResource, map: MapNode): ModelSpec {
  const schemaNode = map.entries.get('Schema');
  let schema: unknown = schemaNode === undefined ? {} : plainValue(schemaNode);
  if (typeof schema === 'string') {
    try {
      schema = JSON.parse(schema);
    } catch {
      throw new TemplateError(schemaNode?.ref ?? map.ref, 'Schema must be a JSON Schema (an object, or a JSON string)');
    }
  }
  return {
    name: asString(map.entries.get('Name'), 'Name') ?? resource.logicalId,
    contentType: asString(map.entries.get('ContentType'), 'ContentType') ?? 'application/json',
    schema,
    source: resource.node.ref,
  };
}

function readGatewayResponse(resource: TemplateResource, map: MapNode): GatewayResponseSpec {
  const status = asInteger(map.entries.get('StatusCode'), 'StatusCode', 100, 599);
  return {
    responseType: asString(map.entries.get('ResponseType'), 'ResponseType') ?? 'DEFAULT_4XX',
    ...(status === undefined ? {} : { statusCode: status }),
    responseParameters: Object.fromEntries(
      asStringMap(map.entries.get('ResponseParameters'), 'ResponseParameters').map((p) => [p.key, p.value]),
    ),
    responseTemplates: asStringMap(map.entries.get('ResponseTemplates'), 'ResponseTemplates').map((t) => ({
      contentType: t.key,
      template: t.value,
      source: t.ref,
    })),
    source: resource.node.ref,
  };
}

/**
 * AWS::ApiGateway::Stage resources of the API (StageName, Variables, CacheClusterEnabled, MethodSettings,
 * AccessLogSetting), plus a Deployment's StageName (which creates a stage with StageDescription's settings).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html
 */
function stagesOf(
  api: string,
  stages: readonly TemplateResource[],
  deployments: readonly TemplateResource[],
  props: ReadonlyMap<string, MapNode>,
  apiOf: (r: TemplateResource) => string,
  resolver: IntrinsicResolver,
): StageSpec[] {
  const out: StageSpec[] = [];
  const add = (name: string, settings: MapNode | undefined, source: StageSpec['source']) => {
    if (out.some((s) => s.name === name)) return;
    const reader = new PropertyReader(resolver, settings ?? { kind: 'map', entries: new Map(), ref: source });
    out.push({
      name,
      variables: readStageVariables(reader.value('Variables'), 'Variables'),
      cacheClusterEnabled: reader.boolean('CacheClusterEnabled') ?? false,
      methodSettings: readMethodSettings(reader),
      ...accessLogOf(reader, 'AccessLogSetting'),
      source,
    });
  };
  for (const stage of stages.filter((s) => apiOf(s) === api)) {
    const map = props.get(stage.logicalId) as MapNode;
    add(
      asString(map.entries.get('StageName'), 'StageName') ?? stage.logicalId,
      map,
      map.entries.get('StageName')?.ref ?? stage.node.ref,
    );
  }
  for (const deployment of deployments.filter((d) => apiOf(d) === api)) {
    const map = props.get(deployment.logicalId) as MapNode;
    const name = asString(map.entries.get('StageName'), 'StageName');
    if (name === undefined) continue;
    add(
      name,
      asMap(map.entries.get('StageDescription'), 'StageDescription'),
      map.entries.get('StageName')?.ref ?? deployment.node.ref,
    );
  }
  return out;
}
