import type { HttpLambdaIntegration, IgnoredResource } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { parseRouteKey } from './http-route-key.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { v2IntegrationProperties, v2RouteProperties } from './known-http-properties.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import type { PendingHttpRoute } from './read-http-api-event.js';
import { apiLogicalIdOf, type FunctionLocator, propertiesOf } from './read-v2-api.js';

export interface V2RouteContext {
  readonly resolver: IntrinsicResolver;
  /** Every AWS::ApiGatewayV2::Api of the template (HTTP and WebSocket), by the id `!Ref` gives. */
  readonly apisById: ReadonlyMap<string, string>;
  readonly websocketApis: ReadonlySet<string>;
  readonly integrationsById: ReadonlyMap<string, TemplateResource>;
  readonly functionFor: FunctionLocator;
}

export interface V2RouteReading {
  /** undefined when the route is not served (no Target, an HTTP_PROXY integration, a WebSocket API). */
  readonly pending?: PendingHttpRoute;
  readonly ignored: readonly IgnoredResource[];
}

/**
 * `AWS::ApiGatewayV2::Route` and the `AWS::ApiGatewayV2::Integration` its Target names (`integrations/<id>`).
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-route.html
 */
export function readV2Route(resource: TemplateResource, ctx: V2RouteContext): V2RouteReading {
  const { logicalId } = resource;
  const properties = propertiesOf(resource);
  checkKnownKeys(properties, v2RouteProperties, 'AWS::ApiGatewayV2::Route');
  const props = new PropertyReader(ctx.resolver, properties);
  const apiLogicalId = apiLogicalIdOf(props, ctx.apisById, `route ${logicalId}`);
  if (ctx.websocketApis.has(apiLogicalId)) return { ignored: [] };
  const key = parseRouteKey(props.requiredString('RouteKey', "'GET /items/{id}'", properties.ref), props.refOf('RouteKey'));
  const ignored: IgnoredResource[] = [];
  const note = (reason: string, key: string) =>
    ignored.push({ logicalId, type: resource.type, reason, source: props.refOf(key) });
  const authorization = props.string('AuthorizationType');
  if (authorization !== undefined && authorization !== 'NONE') {
    note(`AuthorizationType ${authorization} is not enforced; the route is served without authorization`, 'AuthorizationType');
  }
  const target = props.string('Target');
  if (target === undefined) {
    note(
      `${key.routeKey} has no Target integration, so gatehouse does not serve it (locally its requests reach the other routes)`,
      'RouteKey',
    );
    return { ignored };
  }
  const integrationId = /^integrations\/([^/]+)$/.exec(target)?.[1];
  const integration = integrationId === undefined ? undefined : ctx.integrationsById.get(integrationId);
  if (integration === undefined) {
    throw new TemplateError(
      props.refOf('Target'),
      `Target must be integrations/<id of an AWS::ApiGatewayV2::Integration of this template>, e.g. !Join [/, [integrations, !Ref MyIntegration]], got ${JSON.stringify(target)}`,
    );
  }
  const read = readV2Integration(integration, ctx, apiLogicalId);
  ignored.push(...read.ignored);
  if (read.integration === undefined) {
    note(`${key.routeKey} is not served: ${read.notServed} (locally its requests reach the other routes)`, 'Target');
    return { ignored };
  }
  const route = { ...key, integration: read.integration, source: resource.node.ref };
  return { pending: { apiLogicalId, route }, ignored };
}

type IntegrationReading =
  | { readonly integration: HttpLambdaIntegration; readonly ignored: readonly IgnoredResource[] }
  | { readonly integration?: undefined; readonly notServed: string; readonly ignored: readonly IgnoredResource[] };

/**
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-integration.html
 * and https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
function readV2Integration(resource: TemplateResource, ctx: V2RouteContext, routeApi: string): IntegrationReading {
  const { logicalId } = resource;
  const properties = propertiesOf(resource);
  checkKnownKeys(properties, v2IntegrationProperties, 'AWS::ApiGatewayV2::Integration');
  const props = new PropertyReader(ctx.resolver, properties);
  const api = apiLogicalIdOf(props, ctx.apisById, `integration ${logicalId}`);
  if (api !== routeApi) {
    throw new TemplateError(
      props.refOf('ApiId'),
      `integration ${logicalId} belongs to ${api}, but a route of ${routeApi} targets it`,
    );
  }
  const type = props.requiredString('IntegrationType', 'AWS_PROXY', properties.ref);
  if (type === 'HTTP_PROXY') return { notServed: `integration ${logicalId} is HTTP_PROXY, which is not emulated`, ignored: [] };
  if (type !== 'AWS_PROXY') {
    throw new TemplateError(
      props.refOf('IntegrationType'),
      `IntegrationType ${type} is for WebSocket APIs; an HTTP API integration is AWS_PROXY (Lambda) or HTTP_PROXY`,
    );
  }
  if (props.has('IntegrationSubtype')) {
    const subtype = props.string('IntegrationSubtype') ?? '';
    return { notServed: `integration ${logicalId} calls an AWS service (${subtype}), which is not emulated`, ignored: [] };
  }
  const uri = props.requiredString('IntegrationUri', '!GetAtt MyFunction.Arn', properties.ref);
  const functionLogicalId = ctx.functionFor(uri, props.refOf('IntegrationUri'));
  // AWS: "If you create a Lambda integration by using the AWS CLI, AWS CloudFormation, or an SDK, you must
  // specify a payloadFormatVersion. The supported values are 1.0 and 2.0." (http-api-develop-integrations-lambda.html)
  const version = props.string('PayloadFormatVersion');
  if (version === undefined) {
    throw new TemplateError(
      properties.ref,
      "PayloadFormatVersion is required for a Lambda integration of an HTTP API created with CloudFormation (only the console picks 2.0 by itself); write e.g. PayloadFormatVersion: '2.0'",
    );
  }
  if (version !== '1.0' && version !== '2.0') {
    throw new TemplateError(
      props.refOf('PayloadFormatVersion'),
      `PayloadFormatVersion must be '1.0' or '2.0', got ${JSON.stringify(version)}`,
    );
  }
  // AWS: "between 50 and 30,000 milliseconds for HTTP APIs. The default timeout is ... 30 seconds for HTTP APIs."
  const timeoutInMillis =
    props.integer('TimeoutInMillis', { what: 'a number of milliseconds', min: 50, max: 30000, unit: 'milliseconds' }) ?? 30000;
  const ignored: IgnoredResource[] = [];
  for (const key of ['RequestParameters', 'ResponseParameters']) {
    if (!props.has(key)) continue;
    const reason = `${key} (parameter mapping) is not applied; requests and responses pass unchanged`;
    ignored.push({ logicalId, type: resource.type, reason, source: props.refOf(key) });
  }
  const integration: HttpLambdaIntegration = {
    type: 'AWS_PROXY',
    functionLogicalId,
    payloadFormatVersion: version,
    timeoutInMillis,
    source: resource.node.ref,
  };
  return { integration, ignored };
}
