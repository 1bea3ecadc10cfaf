import type { HttpRoute, IgnoredResource, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { defaultRouteKey, type RouteKeyParts, routeKeyOf } from './http-route-key.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { httpApiEventProperties } from './known-http-properties.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { type EventAuth, readEventAuth } from './read-auth.js';
import { stringOf } from './resolved-value.js';
import { httpApiIdFor } from './stable-id.js';
import type { MapNode } from './template-node.js';

/** SAM's logical id for the HTTP API it creates from `HttpApi` events that name no ApiId. */
export const implicitHttpApiLogicalId = 'ServerlessHttpApi';

/** A route read from the template, before it is attached to its API (and checked against the API's other routes). */
export interface PendingHttpRoute {
  readonly apiLogicalId: string;
  readonly route: HttpRoute;
  /** The event's Auth (Authorizer, AuthorizationScopes), resolved against the API's DefaultAuthorizer when attached. */
  readonly auth?: EventAuth;
}

export interface HttpApiEventInput {
  readonly functionLogicalId: string;
  readonly eventName: string;
  readonly eventRef: SourceRef;
  /** undefined for `Type: HttpApi` with no Properties (the `$default` route of the implicit API). */
  readonly properties: MapNode | undefined;
  readonly resolver: IntrinsicResolver;
  readonly resources: ReadonlyMap<string, TemplateResource>;
}

/** Event properties that change what AWS serves but that gatehouse does not emulate: said once at start-up. */
const notEmulated: Readonly<Record<string, string>> = {
  RouteSettings: 'RouteSettings (throttling, logging) are not applied',
};

/**
 * An `HttpApi` event source: a route of an HTTP API integrated with the function (AWS_PROXY).
 * AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-httpapi.html
 */
export function readHttpApiEvent(input: HttpApiEventInput): { pending: PendingHttpRoute; ignored: IgnoredResource[] } {
  const { eventRef } = input;
  const properties = input.properties ?? { kind: 'map', entries: new Map(), ref: eventRef };
  checkKnownKeys(properties, httpApiEventProperties, 'an HttpApi event');
  const props = new PropertyReader(input.resolver, properties);
  const key = readRouteKey(props);
  const payloadFormatVersion = readPayloadFormatVersion(props);
  // AWS: 50..30000 ms for HTTP APIs, 30 s by default (AWS::ApiGatewayV2::Integration TimeoutInMillis).
  // The SAM docs say "between 50 and 29,000" and "Default: 5000", but samtranslator (push.py HttpApi
  // _add_openapi_integration) writes timeoutInMillis only when it is set, so API Gateway's own default applies.
  const timeoutInMillis =
    props.integer('TimeoutInMillis', { what: 'a number of milliseconds', min: 50, max: 30000, unit: 'milliseconds' }) ?? 30000;
  const route: HttpRoute = {
    ...key,
    integration: {
      type: 'AWS_PROXY',
      functionLogicalId: input.functionLogicalId,
      payloadFormatVersion,
      timeoutInMillis,
      source: eventRef,
    },
    source: eventRef,
  };
  const ignored: IgnoredResource[] = [];
  for (const [property, reason] of Object.entries(notEmulated)) {
    if (!props.has(property)) continue;
    const logicalId = `${input.functionLogicalId}.Events.${input.eventName}`;
    ignored.push({ logicalId, type: 'HttpApi', reason, source: props.refOf(property) });
  }
  const auth = readEventAuth(props);
  return { pending: { apiLogicalId: readApiId(input, props), route, ...(auth ? { auth } : {}) }, ignored };
}

/**
 * AWS (SAM): "If no Path and Method are specified, SAM will create a default API path that routes any request that
 * doesn't map to a different endpoint to this Lambda function" (the `$default` route). With only one of the two,
 * SAM stops with "Property 'Method' is required." (or 'Path').
 */
function readRouteKey(props: PropertyReader): RouteKeyParts {
  const path = props.string('Path');
  const method = props.string('Method');
  if (path === undefined && method === undefined) return { routeKey: defaultRouteKey };
  if (path === undefined || method === undefined) {
    const missing = path === undefined ? 'Path' : 'Method';
    const example = missing === 'Path' ? 'Path: /items' : 'Method: get';
    throw new TemplateError(
      props.map.ref,
      `${missing} is required when ${missing === 'Path' ? 'Method' : 'Path'} is set; write e.g. ${example}, or leave out both for the $default route`,
    );
  }
  // samtranslator turns the $default route into path `$default` with the ANY method; writing that is the same route.
  if (path === defaultRouteKey && method.toUpperCase() === 'ANY') return { routeKey: defaultRouteKey };
  return routeKeyOf(method, props.refOf('Method'), path, props.refOf('Path'));
}

/**
 * AWS (SAM): PayloadFormatVersion "Default: 2.0" (sam-property-function-httpapi.html); samtranslator's
 * add_lambda_integration writes payloadFormatVersion "2.0". API Gateway accepts 1.0 and 2.0 for Lambda.
 */
function readPayloadFormatVersion(props: PropertyReader): '1.0' | '2.0' {
  const version = props.string('PayloadFormatVersion') ?? '2.0';
  if (version !== '1.0' && version !== '2.0') {
    throw new TemplateError(
      props.refOf('PayloadFormatVersion'),
      `PayloadFormatVersion must be '1.0' or '2.0', got ${JSON.stringify(version)}`,
    );
  }
  return version;
}

function readApiId(input: HttpApiEventInput, props: PropertyReader): string {
  const raw = props.map.entries.get('ApiId');
  if (raw === undefined) return implicitHttpApiLogicalId;
  const fix = 'write ApiId: !Ref <an AWS::Serverless::HttpApi of this template>';
  if (raw.kind === 'intrinsic' && raw.fn === 'Ref' && raw.arg.kind === 'scalar' && typeof raw.arg.value === 'string') {
    const target = input.resources.get(raw.arg.value);
    if (target !== undefined && target.type !== 'AWS::Serverless::HttpApi') {
      // AWS (SAM): "ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template."
      throw new TemplateError(raw.ref, `ApiId refers to ${target.logicalId}, a ${target.type}; ${fix}`);
    }
  }
  if (raw.kind !== 'intrinsic') {
    throw new TemplateError(raw.ref, `ApiId must be a reference, got ${JSON.stringify(stringOf(raw, 'ApiId'))}; ${fix}`);
  }
  const id = props.string('ApiId');
  for (const resource of input.resources.values()) {
    if (resource.type === 'AWS::Serverless::HttpApi' && httpApiIdFor(resource.logicalId) === id) return resource.logicalId;
  }
  throw new TemplateError(
    raw.ref,
    `ApiId resolves to ${JSON.stringify(id)}, which is no AWS::Serverless::HttpApi of this template; ${fix}`,
  );
}
