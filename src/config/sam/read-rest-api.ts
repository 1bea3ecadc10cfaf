import { dirname, resolve } from 'node:path';
import type { IgnoredResource, MethodSetting, RestApi, SourceRef, StageSpec } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver } from './intrinsics.js';
import { apiProperties, checkKnownKeys, methodSettingKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { accessLogOf } from './read-access-log-setting.js';
import { type RestAuthSettings, readRestAuthSettings } from './read-auth.js';
import { readGatewayResponses } from './read-gateway-responses.js';
import { type RestCorsSettings, readRestCors } from './read-rest-cors.js';
import { restApiIdFor } from './stable-id.js';
import { readStageVariables } from './stage-variables.js';
import { describeNode, type MapNode } from './template-node.js';

/**
 * `AWS::Serverless::Api` (or SAM's implicit `ServerlessRestApi`) → a RestApi without its resources, which come
 * from the functions' Api events.
 * AWS: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
 */
export interface RestApiInput {
  readonly logicalId: string;
  /** Properties with Globals.Api merged in. */
  readonly properties: MapNode;
  readonly resolver: IntrinsicResolver;
  readonly implicit: boolean;
  readonly source: SourceRef;
}

export interface RestApiSettings {
  readonly api: Omit<RestApi, 'resources'>;
  readonly ignored: readonly IgnoredResource[];
  /** Auth.ApiKeyRequired: the default for every method of the API (an event's Auth.ApiKeyRequired wins). */
  readonly apiKeyRequired: boolean;
  /** Auth.UsagePlan, read by read-usage-plans.ts. */
  readonly usagePlan?: MapNode;
  /** Auth.Authorizers, DefaultAuthorizer, AddDefaultAuthorizerToCorsPreflight (read-auth.ts). */
  readonly auth?: RestAuthSettings;
  /** A local DefinitionUri file, to watch for changes. */
  readonly definitionFile?: string;
  /** Cors: SAM's OPTIONS methods, added once the API's methods are known (add-cors-preflight.ts). */
  readonly cors?: RestCorsSettings;
  /** Auth.AddApiKeyRequiredToCorsPreflight (default true): the preflight requires the API key too. */
  readonly addApiKeyRequiredToCorsPreflight: boolean;
}

export function readRestApi(input: RestApiInput): RestApiSettings {
  const { properties, logicalId } = input;
  checkKnownKeys(properties, apiProperties, 'AWS::Serverless::Api');
  const props = new PropertyReader(input.resolver, properties);
  // AWS (SAM): Api events without RestApiId go to an API SAM creates, ServerlessRestApi, deployed to the stage
  // Prod (docs/internals/generated_resources.rst: ServerlessRestApiProdStage; sam-property-function-api.html).
  const stageName = input.implicit ? 'Prod' : props.requiredString('StageName', 'Prod', properties.ref);
  if (!/^[A-Za-z0-9_-]+$/.test(stageName)) {
    throw new TemplateError(
      props.refOf('StageName'),
      `StageName may contain letters, digits, - and _ only, got ${JSON.stringify(stageName)}`,
    );
  }
  const binary = readBinaryMediaTypes(props);
  const stage: StageSpec = {
    name: stageName,
    variables: readStageVariables(props.value('Variables'), 'Variables'),
    cacheClusterEnabled: props.boolean('CacheClusterEnabled') ?? false,
    methodSettings: readMethodSettings(props),
    ...accessLogOf(props, 'AccessLogSetting'),
    source: input.implicit ? input.source : props.refOf('StageName'),
  };
  const stages: StageSpec[] = [stage];
  // Observed in SAM's api_generator.py (_construct_deployment): unless OpenApiVersion is set, the Deployment
  // also creates a stage named `Stage`, with no variables, cache or method settings. The SAM docs
  // (sam-resource-api.html#sam-api-openapiversion) keep this "for reasons of backwards compatibility", for
  // the implicit API too (Globals.Api.OpenApiVersion removes it there). gatehouse serves it as AWS would.
  if (!props.has('OpenApiVersion') && stageName !== 'Stage') {
    stages.push({ name: 'Stage', variables: {}, cacheClusterEnabled: false, methodSettings: [], source: input.source });
  }
  const ignored: IgnoredResource[] = [];
  const name = props.string('Name') ?? logicalId;
  const auth = readApiAuth(props, logicalId, ignored);
  const apiKeySourceType = props.string('ApiKeySourceType');
  if (apiKeySourceType !== undefined && apiKeySourceType !== 'HEADER' && apiKeySourceType !== 'AUTHORIZER') {
    throw new TemplateError(
      props.refOf('ApiKeySourceType'),
      `ApiKeySourceType must be HEADER or AUTHORIZER, got ${apiKeySourceType}`,
    );
  }
  const definitionUri = props.node('DefinitionUri');
  const definitionFile =
    definitionUri?.kind === 'scalar' && typeof definitionUri.value === 'string' && !definitionUri.value.startsWith('s3://')
      ? resolve(dirname(input.source.file), definitionUri.value)
      : undefined;
  // samtranslator (api_generator.py _add_cors, _add_gateway_responses): both edit the definition SAM holds, so
  // they refuse a DefinitionUri ("Cors works only with inline Swagger specified in 'DefinitionBody' property.").
  for (const key of ['Cors', 'GatewayResponses']) {
    if (definitionUri !== undefined && props.has(key)) {
      throw new TemplateError(
        props.refOf(key),
        `${key} works only with inline Swagger specified in 'DefinitionBody' property (SAM refuses it with DefinitionUri); inline the definition with DefinitionBody: Fn::Transform AWS::Include, or write the OPTIONS methods / x-amazon-apigateway-gateway-responses in the file`,
      );
    }
  }
  const cors = readRestCors(props);
  const gatewayResponses = readGatewayResponses(props);
  // SAM passes MinimumCompressionSize to the RestApi (sam-resource-api.html); 0..10485760 as the API accepts it.
  const minimumCompressionSize = props.integer('MinimumCompressionSize', {
    what: 'a number of bytes',
    min: 0,
    max: 10485760,
    unit: 'bytes',
  });
  return {
    api: {
      logicalId,
      id: restApiIdFor(logicalId),
      name,
      binaryMediaTypes: binary?.types ?? [],
      ...(binary === undefined ? {} : { binaryMediaTypesSource: binary.ref }),
      ...(apiKeySourceType === undefined ? {} : { apiKeySourceType }),
      ...(minimumCompressionSize === undefined ? {} : { minimumCompressionSize }),
      stages,
      ...(gatewayResponses.length > 0 ? { gatewayResponses } : {}),
      implicit: input.implicit,
      source: input.source,
    },
    ignored,
    apiKeyRequired: auth.apiKeyRequired,
    addApiKeyRequiredToCorsPreflight: auth.addApiKeyRequiredToCorsPreflight,
    ...(cors ? { cors } : {}),
    ...(auth.usagePlan ? { usagePlan: auth.usagePlan } : {}),
    ...(auth.authorizers ? { auth: auth.authorizers } : {}),
    ...(definitionFile ? { definitionFile } : {}),
  };
}

/** Properties of Auth (sam-property-api-apiauth.html) that gatehouse does not enforce yet. */
const authNotEmulated = ['InvokeRole', 'ResourcePolicy'];

/** `Auth`: ApiKeyRequired, UsagePlan and authorizers are emulated; resource policies are said to be ignored. */
function readApiAuth(
  props: PropertyReader,
  logicalId: string,
  ignored: IgnoredResource[],
): { apiKeyRequired: boolean; addApiKeyRequiredToCorsPreflight: boolean; usagePlan?: MapNode; authorizers?: RestAuthSettings } {
  const auth = props.mapAt('Auth');
  if (auth === undefined) return { apiKeyRequired: false, addApiKeyRequiredToCorsPreflight: true };
  checkKnownKeys(
    auth,
    [
      'AddApiKeyRequiredToCorsPreflight',
      'AddDefaultAuthorizerToCorsPreflight',
      'ApiKeyRequired',
      'UsagePlan',
      'Authorizers',
      'DefaultAuthorizer',
      ...authNotEmulated,
    ],
    'Auth of AWS::Serverless::Api',
  );
  const reader = new PropertyReader(props.resolver, auth);
  for (const key of authNotEmulated) {
    if (reader.has(key)) {
      ignored.push({ logicalId, type: 'AWS::Serverless::Api', reason: `Auth.${key} is not enforced`, source: reader.refOf(key) });
    }
  }
  const usagePlan = reader.mapAt('UsagePlan');
  const authorizers = readRestAuthSettings(reader);
  return {
    apiKeyRequired: reader.boolean('ApiKeyRequired') ?? false,
    // AWS (SAM): AddApiKeyRequiredToCorsPreflight, default true (sam-property-api-apiauth.html).
    addApiKeyRequiredToCorsPreflight: reader.boolean('AddApiKeyRequiredToCorsPreflight') ?? true,
    ...(usagePlan ? { usagePlan } : {}),
    authorizers,
  };
}

/**
 * AWS (SAM): "Use ~1 instead of / in the mime types" (sam-resource-api.html#sam-api-binarymediatypes);
 * SAM writes them back with `/`. A plain `image/png` is accepted as well, as SAM CLI does.
 */
function readBinaryMediaTypes(props: PropertyReader): { types: string[]; ref: SourceRef } | undefined {
  const list = props.stringList('BinaryMediaTypes');
  if (list === undefined) return undefined;
  const types = list.values.map((value) => {
    const type = value.replaceAll('~1', '/');
    if (!/^[^/\s]+\/[^/\s]+$/.test(type)) {
      throw new TemplateError(
        list.ref,
        `binary media type ${JSON.stringify(value)} is not type/subtype; write e.g. image~1png or '*~1*'`,
      );
    }
    return type;
  });
  return { types, ref: list.ref };
}

/**
 * MethodSettings as in AWS::ApiGateway::Stage: ResourcePath `/*` and HttpMethod `*` for every method;
 * a path is written with `~1` for `/` (`/~1items~1{id}`), which is read back as `/items/{id}`.
 */
export function readMethodSettings(props: PropertyReader): MethodSetting[] {
  const node = props.value('MethodSettings');
  if (node === undefined) return [];
  if (node.kind !== 'seq') throw new TemplateError(node.ref, `MethodSettings must be a list, got ${describeNode(node)}`);
  return node.items.map((item) => {
    if (item.kind !== 'map') throw new TemplateError(item.ref, `each method setting must be a map, got ${describeNode(item)}`);
    checkKnownKeys(item, methodSettingKeys, 'a method setting');
    const setting = new PropertyReader(props.resolver, item);
    const cachingEnabled = setting.boolean('CachingEnabled');
    const cacheTtlInSeconds = setting.integer('CacheTtlInSeconds', {
      what: 'a number of seconds',
      min: 0,
      max: 3600,
      unit: 'seconds',
    });
    const throttlingRateLimit = numberOf(setting, 'ThrottlingRateLimit');
    const throttlingBurstLimit = setting.integer('ThrottlingBurstLimit', { what: 'a number of requests', min: 0, max: 1e9 });
    return {
      resourcePath: decodeResourcePath(setting.string('ResourcePath') ?? '/*'),
      httpMethod: (setting.string('HttpMethod') ?? '*').toUpperCase(),
      ...(cachingEnabled === undefined ? {} : { cachingEnabled }),
      ...(cacheTtlInSeconds === undefined ? {} : { cacheTtlInSeconds }),
      ...(throttlingRateLimit === undefined ? {} : { throttlingRateLimit }),
      ...(throttlingBurstLimit === undefined ? {} : { throttlingBurstLimit }),
    };
  });
}

/** AWS::ApiGateway::Stage MethodSetting.ResourcePath: `/~1items~1{id}` is `/items/{id}`; `/*` stays. */
function decodeResourcePath(raw: string): string {
  const encoded = raw.startsWith('/~1') ? raw.slice(1) : raw;
  return encoded.replaceAll('~1', '/').replaceAll('~0', '~');
}

function numberOf(props: PropertyReader, key: string): number | undefined {
  const node = props.value(key);
  if (node === undefined) return undefined;
  const value = node.kind === 'scalar' ? Number(node.value) : Number.NaN;
  if (node.kind !== 'scalar' || typeof node.value === 'boolean' || Number.isNaN(value) || value < 0) {
    throw new TemplateError(node.ref, `must be a number of requests per second, got ${describeNode(node)}`);
  }
  return value;
}
