import type { HttpApi, HttpStageSpec, IgnoredResource } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { PropertyReader } from './property-reader.js';
import type { PendingHttpRoute } from './read-http-api-event.js';
import { apiLogicalIdOf, type FunctionLocator, propertiesOf, readV2Api, readV2Stage } from './read-v2-api.js';
import { readV2Route } from './read-v2-route.js';
import { httpApiIdFor, integrationIdFor } from './stable-id.js';

/**
 * Plain CloudFormation HTTP APIs (what CDK, Terraform-exported and hand-written templates use): the
 * `AWS::ApiGatewayV2::Api`, `Route`, `Integration` and `Stage` resources, put together into HttpApis.
 * AWS: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html
 */
export interface ApiGatewayV2Input {
  /** The template's AWS::ApiGatewayV2::* resources that are created (Condition true), in template order. */
  readonly resources: readonly TemplateResource[];
  readonly resolver: IntrinsicResolver;
  readonly functionFor: FunctionLocator;
}

export interface ApiGatewayV2Reading {
  readonly apis: Omit<HttpApi, 'routes'>[];
  readonly pending: PendingHttpRoute[];
  readonly ignored: IgnoredResource[];
}

const otherTypes: Readonly<Record<string, string>> = {
  'AWS::ApiGatewayV2::Deployment': 'deployments are implied: every stage serves the routes of the template, as with AutoDeploy',
  'AWS::ApiGatewayV2::ApiGatewayManagedOverrides':
    'not applied yet: the quick-created integration, route and stage keep their defaults (payload 2.0, 30 s, no variables)',
  'AWS::ApiGatewayV2::Authorizer': 'authorizers are not enforced',
};

export function readApiGatewayV2(input: ApiGatewayV2Input): ApiGatewayV2Reading {
  const { resolver } = input;
  const ofType = (type: string) => input.resources.filter((resource) => resource.type === `AWS::ApiGatewayV2::${type}`);
  const apisById = new Map(ofType('Api').map((api) => [httpApiIdFor(api.logicalId), api.logicalId]));
  const websocketApis = new Set<string>();
  const apis: Omit<HttpApi, 'routes' | 'stages'>[] = [];
  const stagesOf = new Map<string, HttpStageSpec[]>();
  const pending: PendingHttpRoute[] = [];
  const ignored: IgnoredResource[] = [];
  for (const resource of ofType('Api')) {
    const read = readV2Api(resource, resolver, input.functionFor);
    ignored.push(...read.ignored);
    if (read.protocol === 'WEBSOCKET') {
      websocketApis.add(resource.logicalId);
      continue;
    }
    apis.push(read.api);
    stagesOf.set(resource.logicalId, read.quickCreate === undefined ? [] : [read.quickCreate.stage]);
    if (read.quickCreate !== undefined) pending.push({ apiLogicalId: resource.logicalId, route: read.quickCreate.route });
  }
  const integrationsById = new Map(ofType('Integration').map((it) => [integrationIdFor(it.logicalId), it]));
  const context = { resolver, apisById, websocketApis, integrationsById, functionFor: input.functionFor };
  for (const resource of ofType('Route')) {
    const read = readV2Route(resource, context);
    if (read.pending !== undefined) pending.push(read.pending);
    for (const item of read.ignored) {
      if (!ignored.some((known) => known.logicalId === item.logicalId && known.reason === item.reason)) ignored.push(item);
    }
  }
  for (const resource of ofType('Stage')) {
    const api = apiLogicalIdOf(new PropertyReader(resolver, propertiesOf(resource)), apisById, `stage ${resource.logicalId}`);
    const stages = stagesOf.get(api);
    if (stages === undefined) continue; // a WebSocket API's stage
    const stage = readV2Stage(resource, resolver);
    const earlier = stages.find((known) => known.name === stage.name);
    if (earlier !== undefined) {
      throw new TemplateError(
        stage.source,
        `${api} already has a stage named ${stage.name} (${earlier.source.keyPath}); stage names are unique per API`,
      );
    }
    stages.push(stage);
  }
  for (const resource of input.resources) {
    if (['Api', 'Route', 'Integration', 'Stage'].some((type) => resource.type === `AWS::ApiGatewayV2::${type}`)) continue;
    const reason = otherTypes[resource.type] ?? 'not emulated';
    ignored.push({ logicalId: resource.logicalId, type: resource.type, reason, source: resource.node.ref });
  }
  return { apis: apis.map((api) => withStages(api, stagesOf.get(api.logicalId) ?? [], ignored)), pending, ignored };
}

function withStages(api: Omit<HttpApi, 'routes' | 'stages'>, stages: HttpStageSpec[], ignored: IgnoredResource[]) {
  if (stages.length === 0) {
    // AWS: "To create a functional API, you must have at least one route, integration, stage, and deployment"
    // (http-api-develop.html#http-api-examples). Without a stage nothing is reachable.
    ignored.push({
      logicalId: api.logicalId,
      type: 'AWS::ApiGatewayV2::Api',
      reason: 'has no AWS::ApiGatewayV2::Stage, so it is not reachable; add one with StageName: $default and AutoDeploy: true',
      source: api.source,
    });
  }
  return { ...api, stages };
}
