import type { HttpApi, HttpRoute, HttpStageSpec, IgnoredResource, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { parseFunctionUri } from './function-arn.js';
import { defaultRouteKey, parseRouteKey } from './http-route-key.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { v2ApiProperties, v2StageProperties } from './known-http-properties.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { readCorsConfiguration } from './read-cors-configuration.js';
import { httpApiIdFor } from './stable-id.js';
import { readStageVariables } from './stage-variables.js';
import { describeNode, type MapNode } from './template-node.js';

/** The logical id of the function an integration URI names (reading a plain AWS::Lambda::Function on first use). */
export type FunctionLocator = (uri: string, at: SourceRef) => string;

export type V2ApiReading =
  | {
      readonly protocol: 'HTTP';
      readonly api: Omit<HttpApi, 'routes' | 'stages'>;
      /** Quick create (Target): the API's own route and `$default` stage. */
      readonly quickCreate?: { readonly route: HttpRoute; readonly stage: HttpStageSpec };
      readonly ignored: readonly IgnoredResource[];
    }
  | { readonly protocol: 'WEBSOCKET'; readonly ignored: readonly IgnoredResource[] };

const notEmulated: Readonly<Record<string, string>> = {
  Body: 'the OpenAPI Body is not read yet; only AWS::ApiGatewayV2::Route resources are served',
  BodyS3Location: 'the OpenAPI BodyS3Location is not read yet; only AWS::ApiGatewayV2::Route resources are served',
  DisableExecuteApiEndpoint: 'DisableExecuteApiEndpoint is not applied; the API is served at the local URL',
};

/**
 * `AWS::ApiGatewayV2::Api` with ProtocolType HTTP → an HttpApi without routes and stages (they are resources of
 * their own), or everything at once with quick create.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
 */
export function readV2Api(resource: TemplateResource, resolver: IntrinsicResolver, functionFor: FunctionLocator): V2ApiReading {
  const { logicalId } = resource;
  const properties = propertiesOf(resource);
  checkKnownKeys(properties, v2ApiProperties, 'AWS::ApiGatewayV2::Api');
  const props = new PropertyReader(resolver, properties);
  const protocol = props.string('ProtocolType');
  const imported = props.has('Body') || props.has('BodyS3Location');
  if (protocol === 'WEBSOCKET') {
    const reason = 'WebSocket APIs are not emulated (its routes, integrations and stages are ignored too)';
    return { protocol, ignored: [{ logicalId, type: resource.type, reason, source: resource.node.ref }] };
  }
  if (protocol !== 'HTTP' && !(protocol === undefined && imported)) {
    // AWS: ProtocolType is "Required unless you specify an OpenAPI definition for Body or S3BodyLocation".
    throw new TemplateError(
      props.refOf('ProtocolType'),
      `ProtocolType must be HTTP or WEBSOCKET, got ${protocol === undefined ? 'nothing' : JSON.stringify(protocol)}`,
    );
  }
  const ignored: IgnoredResource[] = [];
  for (const [key, reason] of Object.entries(notEmulated)) {
    if (props.has(key)) ignored.push({ logicalId, type: resource.type, reason, source: props.refOf(key) });
  }
  const cors = readCorsConfiguration(props, 'cloudformation');
  const api: Omit<HttpApi, 'routes' | 'stages'> = {
    logicalId,
    id: httpApiIdFor(logicalId),
    name: props.string('Name') ?? logicalId,
    ...(cors === undefined ? {} : { cors }),
    implicit: false,
    source: resource.node.ref,
  };
  if (!props.has('Target')) return { protocol: 'HTTP', api, ignored };
  const quickCreate = readQuickCreate(resource, props, functionFor);
  if (quickCreate === undefined) {
    const reason = 'the quick-create Target is an HTTP URL: HTTP_PROXY integrations are not emulated, so the API is not served';
    ignored.push({ logicalId, type: resource.type, reason, source: props.refOf('Target') });
    return { protocol: 'HTTP', api, ignored };
  }
  return { protocol: 'HTTP', api, quickCreate, ignored };
}

/**
 * AWS: "Quick create produces an API with an integration, a default catch-all route, and a default stage which is
 * configured to automatically deploy changes"; RouteKey: "If you don't specify a routeKey, a default route of
 * $default is created" (aws-resource-apigatewayv2-api.html, Target and RouteKey).
 * Observed (not in the CloudFormation docs): the integration quick create makes uses payload format 2.0; moving a
 * quick-created API to 1.0 takes an AWS::ApiGatewayV2::ApiGatewayManagedOverrides resource
 * (github.com/adamchainz/apig-wsgi pull 149). Its timeout is API Gateway's default, 30 s.
 */
function readQuickCreate(resource: TemplateResource, props: PropertyReader, functionFor: FunctionLocator) {
  const target = props.requiredString('Target', 'arn:aws:lambda:...:function:MyFunction', props.map.ref);
  const targetAt = props.refOf('Target');
  if (/^https?:\/\//i.test(target)) return undefined;
  if (parseFunctionUri(target) === undefined) {
    throw new TemplateError(
      targetAt,
      `Target must be a Lambda function ARN (e.g. !GetAtt MyFunction.Arn) or an HTTP URL, got ${JSON.stringify(target)}`,
    );
  }
  const routeKey = props.string('RouteKey');
  const key = routeKey === undefined ? { routeKey: defaultRouteKey } : parseRouteKey(routeKey, props.refOf('RouteKey'));
  const route: HttpRoute = {
    ...key,
    integration: {
      type: 'AWS_PROXY',
      functionLogicalId: functionFor(target, targetAt),
      payloadFormatVersion: '2.0',
      timeoutInMillis: 30000,
      source: targetAt,
    },
    source: targetAt,
  };
  return { route, stage: { name: '$default', variables: {}, source: resource.node.ref } };
}

/**
 * `AWS::ApiGatewayV2::Stage`: its name and variables. Every stage serves the template's routes, as an AutoDeploy
 * stage does (DeploymentId and AWS::ApiGatewayV2::Deployment are not followed).
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-stage.html
 */
export function readV2Stage(resource: TemplateResource, resolver: IntrinsicResolver): HttpStageSpec {
  const properties = propertiesOf(resource);
  checkKnownKeys(properties, v2StageProperties, 'AWS::ApiGatewayV2::Stage');
  const props = new PropertyReader(resolver, properties);
  const name = props.requiredString('StageName', '$default', properties.ref);
  if (!/^(\$default|[A-Za-z0-9_-]{1,128})$/.test(name)) {
    throw new TemplateError(
      props.refOf('StageName'),
      `StageName may contain letters, digits, - and _ only (or be $default), got ${JSON.stringify(name)}`,
    );
  }
  const variables = readStageVariables(props.value('StageVariables'), 'StageVariables');
  return { name, variables, source: props.refOf('StageName') };
}

/** The `AWS::ApiGatewayV2::Api` an `ApiId` refers to (`!Ref MyApi`), by the id `!Ref` gives. */
export function apiLogicalIdOf(props: PropertyReader, apisById: ReadonlyMap<string, string>, owner: string): string {
  const fix = `write ApiId: !Ref <an AWS::ApiGatewayV2::Api of this template> in ${owner}`;
  const raw = props.map.entries.get('ApiId');
  if (raw === undefined) throw new TemplateError(props.map.ref, `ApiId is required; ${fix}`);
  const id = props.string('ApiId') ?? '';
  const logicalId = apisById.get(id);
  if (logicalId === undefined) {
    throw new TemplateError(raw.ref, `ApiId ${JSON.stringify(id)} is no AWS::ApiGatewayV2::Api of this template; ${fix}`);
  }
  return logicalId;
}

export function propertiesOf(resource: TemplateResource): MapNode {
  const raw = resource.node.entries.get('Properties');
  if (raw === undefined) return { kind: 'map', entries: new Map(), ref: resource.node.ref };
  if (raw.kind !== 'map') throw new TemplateError(raw.ref, `Properties must be a map, got ${describeNode(raw)}`);
  return raw;
}
