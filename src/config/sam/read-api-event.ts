import type { HttpMethod, MethodAuthorization, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { apiEventProperties, checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { type EventAuth, readEventAuth } from './read-auth.js';
import { stringOf } from './resolved-value.js';
import type { MapNode, TemplateNode } from './template-node.js';

/** SAM's logical id for the API it creates from `Api` events that name no RestApiId. */
export const implicitApiLogicalId = 'ServerlessRestApi';

/** One `Api` event of a function: a method on a path of a REST API, integrated as AWS_PROXY. */
export interface ApiRoute {
  readonly restApiLogicalId: string;
  readonly path: string;
  readonly httpMethod: HttpMethod;
  readonly functionLogicalId: string;
  readonly timeoutInMillis: number;
  /** Auth.ApiKeyRequired of the event; undefined = the API's Auth.ApiKeyRequired decides. */
  readonly apiKeyRequired?: boolean;
  /** Auth.Authorizer / AuthorizationScopes of the event (resolved against the API's Auth by read-auth.ts). */
  readonly auth?: EventAuth;
  /** The method's authorization, once resolved against the API's DefaultAuthorizer. */
  readonly authorization?: MethodAuthorization;
  /** RequestParameters marked `Caching: true`, which SAM writes to the integration's cacheKeyParameters. */
  readonly cacheKeyParameters: readonly string[];
  /** The event (`Resources.Fn.Properties.Events.GetItems`). */
  readonly source: SourceRef;
  readonly pathSource: SourceRef;
}

const httpMethods: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

export interface ApiEventInput {
  readonly functionLogicalId: string;
  readonly eventRef: SourceRef;
  readonly properties: MapNode;
  readonly resolver: IntrinsicResolver;
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly restApiIdOf: (logicalId: string) => string;
}

/**
 * An `Api` event source.
 * AWS: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html
 */
export function readApiEvent(input: ApiEventInput): ApiRoute {
  const { properties, eventRef } = input;
  checkKnownKeys(properties, apiEventProperties, 'an Api event');
  const props = new PropertyReader(input.resolver, properties);
  const path = props.requiredString('Path', '/items/{id}', properties.ref);
  const pathSource = props.refOf('Path');
  validatePath(path, pathSource);
  const method = props.requiredString('Method', 'get', properties.ref);
  const httpMethod = method.toUpperCase() as HttpMethod;
  if (!httpMethods.includes(httpMethod)) {
    throw new TemplateError(
      props.refOf('Method'),
      `unknown HTTP method ${JSON.stringify(method)}; use one of ${httpMethods.join(', ')}`,
    );
  }
  // AWS: the integration timeout is 50 ms to 29 seconds, 29000 by default (sam-property-function-api.html#TimeoutInMillis).
  const timeoutInMillis =
    props.integer('TimeoutInMillis', { what: 'a number of milliseconds', min: 50, max: 29000, unit: 'milliseconds' }) ?? 29000;
  const restApiLogicalId = readRestApiId(input, props);
  const apiKeyRequired = readEventApiKeyRequired(props);
  const auth = readEventAuth(props);
  return {
    ...(auth === undefined ? {} : { auth }),
    restApiLogicalId,
    path,
    httpMethod,
    functionLogicalId: input.functionLogicalId,
    timeoutInMillis,
    ...(apiKeyRequired === undefined ? {} : { apiKeyRequired }),
    cacheKeyParameters: readCacheKeyParameters(props),
    source: eventRef,
    pathSource,
  };
}

/** Event `Auth.ApiKeyRequired` (sam-property-function-apifunctionauth.html); the rest of Auth is not emulated. */
function readEventApiKeyRequired(props: PropertyReader): boolean | undefined {
  const auth = props.mapAt('Auth');
  if (auth === undefined) return undefined;
  return new PropertyReader(props.resolver, auth).boolean('ApiKeyRequired');
}

/**
 * `RequestParameters`: a list of `method.request.{header|querystring|path}.<name>` strings, or maps of such a name
 * to `{ Required, Caching }`. SAM puts the names with `Caching: true` in the integration's cacheKeyParameters
 * (sam-property-function-requestparameter.html).
 */
function readCacheKeyParameters(props: PropertyReader): string[] {
  const node = props.value('RequestParameters');
  if (node === undefined) return [];
  if (node.kind !== 'seq') throw new TemplateError(node.ref, 'RequestParameters must be a list');
  const cached: string[] = [];
  for (const item of node.items) {
    if (item.kind === 'scalar') {
      checkRequestParameterName(stringOf(item, 'each item of RequestParameters'), item.ref);
      continue;
    }
    if (item.kind !== 'map' || item.entries.size !== 1) {
      throw new TemplateError(item.ref, 'each RequestParameters item is a name, or one name mapped to { Required, Caching }');
    }
    const [name, settings] = [...item.entries][0] as [string, TemplateNode];
    checkRequestParameterName(name, settings.ref);
    if (settings.kind !== 'map') throw new TemplateError(settings.ref, `${name} must map to { Required, Caching }`);
    checkKnownKeys(settings, ['Required', 'Caching'], `request parameter ${name}`);
    if (new PropertyReader(props.resolver, settings).boolean('Caching') === true) cached.push(name);
  }
  return cached;
}

function checkRequestParameterName(name: string, at: SourceRef): void {
  if (!/^method\.request\.(header|querystring|path)\.[^\s]+$/.test(name)) {
    throw new TemplateError(
      at,
      `request parameter ${JSON.stringify(name)} must be method.request.header.<name>, method.request.querystring.<name> or method.request.path.<name>`,
    );
  }
}

function readRestApiId(input: ApiEventInput, props: PropertyReader): string {
  const raw = props.map.entries.get('RestApiId');
  if (raw === undefined) return implicitApiLogicalId;
  const fix = 'write RestApiId: !Ref <an AWS::Serverless::Api of this template>';
  if (raw.kind === 'intrinsic' && raw.fn === 'Ref' && raw.arg.kind === 'scalar' && typeof raw.arg.value === 'string') {
    const target = input.resources.get(raw.arg.value);
    if (target !== undefined && target.type !== 'AWS::Serverless::Api') {
      throw new TemplateError(
        raw.ref,
        `RestApiId refers to ${target.logicalId}, a ${target.type}; gatehouse serves AWS::Serverless::Api resources only; ${fix}`,
      );
    }
  }
  if (raw.kind !== 'intrinsic') {
    throw new TemplateError(raw.ref, `RestApiId must be a reference, got ${JSON.stringify(stringOf(raw, 'RestApiId'))}; ${fix}`);
  }
  // !Ref, or an !If choosing between two: resolve to the id and find the API that has it.
  const id = props.string('RestApiId');
  for (const resource of input.resources.values()) {
    if (resource.type === 'AWS::Serverless::Api' && input.restApiIdOf(resource.logicalId) === id) {
      return resource.logicalId;
    }
  }
  throw new TemplateError(
    raw.ref,
    `RestApiId resolves to ${JSON.stringify(id)}, which is no AWS::Serverless::Api of this template; ${fix}`,
  );
}

/**
 * API Gateway resource paths: `/`, then segments that are literal, `{param}`, or a last `{proxy+}`.
 * AWS: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
 */
export function validatePath(path: string, at: SourceRef): void {
  if (!path.startsWith('/')) throw new TemplateError(at, `Path must start with /, got ${JSON.stringify(path)}; write /${path}`);
  if (path === '/') return;
  if (path.endsWith('/'))
    throw new TemplateError(at, `Path must not end with /, got ${JSON.stringify(path)}; write ${path.replace(/\/+$/, '')}`);
  const segments = path.slice(1).split('/');
  segments.forEach((segment, index) => {
    if (segment === '') throw new TemplateError(at, `Path ${JSON.stringify(path)} has an empty segment (//)`);
    const isParam = /^\{[A-Za-z0-9._-]+\+?\}$/.test(segment);
    if (!isParam && /[{}]/.test(segment)) {
      throw new TemplateError(
        at,
        `path segment ${JSON.stringify(segment)} mixes text and a {parameter}; API Gateway needs a whole segment such as {id}`,
      );
    }
    if (segment.endsWith('+}') && index !== segments.length - 1) {
      throw new TemplateError(at, `greedy ${segment} must be the last segment of the path, got ${JSON.stringify(path)}`);
    }
  });
}
