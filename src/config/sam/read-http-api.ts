import type { HttpApi, HttpStageSpec, IgnoredResource, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver } from './intrinsics.js';
import { httpApiProperties } from './known-http-properties.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { accessLogOf } from './read-access-log-setting.js';
import { readCorsConfiguration } from './read-cors-configuration.js';
import { readHttpAuthSettings, rememberHttpAuthSettings } from './read-http-auth.js';
import { httpApiIdFor } from './stable-id.js';
import { readStageVariables } from './stage-variables.js';
import type { MapNode } from './template-node.js';

/**
 * `AWS::Serverless::HttpApi` (or SAM's implicit `ServerlessHttpApi`) → an HttpApi without its routes, which come
 * from the functions' HttpApi events.
 * AWS: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html
 */
export interface HttpApiInput {
  readonly logicalId: string;
  /** Properties with Globals.HttpApi merged in. */
  readonly properties: MapNode;
  readonly resolver: IntrinsicResolver;
  readonly implicit: boolean;
  readonly source: SourceRef;
}

export interface HttpApiSettings {
  readonly api: Omit<HttpApi, 'routes'>;
  readonly ignored: readonly IgnoredResource[];
}

/** Properties that change what AWS serves but that gatehouse does not emulate yet: said once at start-up. */
const notEmulated: Readonly<Record<string, string>> = {
  DefinitionBody: 'the OpenAPI DefinitionBody is not read yet; only routes from HttpApi events are served',
  DefinitionUri:
    'the OpenAPI DefinitionUri is not read yet; routes from HttpApi events are served (SAM adds them only to an inline DefinitionBody)',
  DefaultRouteSettings: 'DefaultRouteSettings (throttling, logging) are not applied',
  RouteSettings: 'RouteSettings (throttling, logging) are not applied',
  Domain: 'the custom Domain is not served; use the local URL',
  DisableExecuteApiEndpoint: 'DisableExecuteApiEndpoint is not applied; the API is served at the local URL',
};

/** `$default`, or 1..128 letters, digits, - and _ (API Gateway v2 CreateStage). */
const stageNamePattern = /^(\$default|[A-Za-z0-9_-]{1,128})$/;

export function readHttpApi(input: HttpApiInput): HttpApiSettings {
  const { properties, logicalId } = input;
  checkKnownKeys(properties, httpApiProperties, 'AWS::Serverless::HttpApi');
  const props = new PropertyReader(input.resolver, properties);
  if (props.has('DefinitionUri') && props.has('DefinitionBody')) {
    // samtranslator (http_api_generator.py _construct_http_api) refuses both.
    throw new TemplateError(
      props.refOf('DefinitionUri'),
      "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both",
    );
  }
  if (props.has('DefinitionUri') && props.has('CorsConfiguration')) {
    // AWS (SAM): "CORS works only if the DefinitionBody property is specified"; samtranslator stops otherwise.
    throw new TemplateError(
      props.refOf('CorsConfiguration'),
      'CorsConfiguration works only with an inline DefinitionBody (or none), not with DefinitionUri; SAM refuses the template',
    );
  }
  const cors = readCorsConfiguration(props, 'sam');
  const ignored: IgnoredResource[] = [];
  for (const [key, reason] of Object.entries(notEmulated)) {
    if (props.has(key)) ignored.push({ logicalId, type: 'AWS::Serverless::HttpApi', reason, source: props.refOf(key) });
  }
  const auth = readHttpAuthSettings(props);
  const api = {
    logicalId,
    id: httpApiIdFor(logicalId),
    name: props.string('Name') ?? logicalId,
    stages: [readStage(input, props)],
    ...(cors === undefined ? {} : { cors }),
    ...(auth && auth.authorizers.length > 0 ? { authorizers: auth.authorizers } : {}),
    implicit: input.implicit,
    source: input.source,
  };
  rememberHttpAuthSettings(api, auth);
  return { api, ignored };
}

/**
 * AWS (SAM): StageName "Default: $default"; "If no name is specified, AWS SAM uses the $default stage from API
 * Gateway" (sam-resource-httpapi.html#sam-httpapi-stagename). samtranslator (http_api_generator.py
 * _construct_stage) creates exactly one AWS::ApiGatewayV2::Stage, with AutoDeploy: true, named StageName or
 * `$default`. The API itself is imported from OpenAPI (Body), which creates no stage, so with StageName set there
 * is NO `$default` stage: the API answers at /<StageName>/ only.
 */
function readStage(input: HttpApiInput, props: PropertyReader): HttpStageSpec {
  const name = (input.implicit ? undefined : props.string('StageName')) ?? '$default';
  if (!stageNamePattern.test(name)) {
    throw new TemplateError(
      props.refOf('StageName'),
      `StageName may contain letters, digits, - and _ only (or be $default), got ${JSON.stringify(name)}`,
    );
  }
  return {
    name,
    variables: readStageVariables(props.value('StageVariables'), 'StageVariables'),
    ...accessLogOf(props, 'AccessLogSettings'),
    source: props.has('StageName') ? props.refOf('StageName') : input.source,
  };
}
