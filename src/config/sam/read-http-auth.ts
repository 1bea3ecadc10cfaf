/**
 * SAM `Auth` of AWS::Serverless::HttpApi and of HttpApi events → HTTP API authorizers and each route's authorization.
 * AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-httpapi-httpapiauth.html
 *   sam-property-httpapi-oauth2authorizer.html (JwtConfiguration issuer/audience, IdentitySource),
 *   sam-property-httpapi-lambdaauthorizer.html (FunctionArn, AuthorizerPayloadFormatVersion, EnableSimpleResponses,
 *   Identity Headers/QueryStrings/StageVariables/Context/ReauthorizeEvery), sam-property-function-httpapifunctionauth.html.
 * Defaults: JWT IdentitySource `$request.header.Authorization` (documented, http-api-jwt-authorizer.html); Lambda
 * authorizer TTL 0 unless ReauthorizeEvery (documented default of AuthorizerResultTtlInSeconds for HTTP APIs).
 */
import type { HttpAuthorizer, RouteAuthorization, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { type EventAuth, readAuthorizerEntries } from './read-auth.js';
import type { MapNode, TemplateNode } from './template-node.js';

export interface HttpAuthSettings {
  readonly authorizers: readonly HttpAuthorizer[];
  readonly defaultAuthorizer?: { readonly name: string; readonly ref: SourceRef };
}

export function readHttpAuthSettings(props: PropertyReader): HttpAuthSettings | undefined {
  const auth = props.mapAt('Auth');
  if (auth === undefined) return undefined;
  checkKnownKeys(auth, ['Authorizers', 'DefaultAuthorizer', 'EnableIamAuthorizer'], 'Auth of AWS::Serverless::HttpApi');
  const reader = new PropertyReader(props.resolver, auth);
  const authorizers: HttpAuthorizer[] = readAuthorizerEntries(reader, (name, item) => readHttpAuthorizer(name, item, reader));
  const defaultName = reader.string('DefaultAuthorizer');
  if (defaultName !== undefined && defaultName !== 'AWS_IAM' && !authorizers.some((a) => a.name === defaultName)) {
    throw new TemplateError(
      reader.refOf('DefaultAuthorizer'),
      `DefaultAuthorizer ${defaultName} is not one of Authorizers nor AWS_IAM`,
    );
  }
  return {
    authorizers,
    ...(defaultName === undefined ? {} : { defaultAuthorizer: { name: defaultName, ref: reader.refOf('DefaultAuthorizer') } }),
  };
}

function readHttpAuthorizer(name: string, map: MapNode, api: PropertyReader): HttpAuthorizer {
  const props = new PropertyReader(api.resolver, map);
  if (props.has('JwtConfiguration')) {
    checkKnownKeys(map, ['JwtConfiguration', 'IdentitySource', 'AuthorizationScopes'], `JWT authorizer ${name}`);
    const jwt = new PropertyReader(api.resolver, props.mapAt('JwtConfiguration') as MapNode);
    const issuer = jwt.requiredString(
      'issuer',
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
      props.refOf('JwtConfiguration'),
    );
    return {
      name,
      type: 'JWT',
      identitySource: [props.string('IdentitySource') ?? '$request.header.Authorization'],
      issuer,
      audience: jwt.stringList('audience')?.values ?? [],
      source: map.ref,
    };
  }
  checkKnownKeys(
    map,
    [
      'FunctionArn',
      'FunctionInvokeRole',
      'AuthorizerPayloadFormatVersion',
      'EnableSimpleResponses',
      'EnableFunctionDefaultPermissions',
      'Identity',
    ],
    `Lambda authorizer ${name}`,
  );
  const functionLogicalId = logicalIdOfFunctionArn(map.entries.get('FunctionArn'), map.ref, name);
  const version = props.string('AuthorizerPayloadFormatVersion');
  if (version !== '1.0' && version !== '2.0') {
    throw new TemplateError(
      props.refOf('AuthorizerPayloadFormatVersion'),
      `AuthorizerPayloadFormatVersion is required: '1.0' or '2.0', got ${JSON.stringify(version ?? null)}`,
    );
  }
  const simple = props.boolean('EnableSimpleResponses') ?? false;
  if (simple && version !== '2.0') {
    throw new TemplateError(
      props.refOf('EnableSimpleResponses'),
      'EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0',
    );
  }
  const identityMap = props.mapAt('Identity');
  const identity = identityMap === undefined ? undefined : new PropertyReader(api.resolver, identityMap);
  if (identityMap)
    checkKnownKeys(
      identityMap,
      ['Headers', 'QueryStrings', 'StageVariables', 'Context', 'ReauthorizeEvery'],
      `Identity of authorizer ${name}`,
    );
  const list = (key: string) => identity?.stringList(key)?.values ?? [];
  return {
    name,
    type: 'REQUEST',
    functionLogicalId,
    payloadFormatVersion: version,
    enableSimpleResponses: simple,
    identitySource: [
      ...list('Headers').map((h) => `$request.header.${h}`),
      ...list('QueryStrings').map((q) => `$request.querystring.${q}`),
      ...list('StageVariables').map((v) => `$stageVariables.${v}`),
      ...list('Context').map((c) => `$context.${c}`),
    ],
    resultTtlInSeconds:
      identity?.integer('ReauthorizeEvery', { what: 'a number of seconds', min: 0, max: 3600, unit: 'seconds' }) ?? 0,
    source: map.ref,
  };
}

/** `!GetAtt Fn.Arn` (or `Fn::GetAtt: [Fn, Arn]`) names the function's logical id. */
function logicalIdOfFunctionArn(node: TemplateNode | undefined, at: SourceRef, name: string): string {
  if (node?.kind === 'intrinsic' && node.fn === 'Fn::GetAtt') {
    const arg = node.arg;
    if (arg.kind === 'scalar' && typeof arg.value === 'string') return arg.value.split('.')[0] as string;
    if (arg.kind === 'seq' && arg.items[0]?.kind === 'scalar') return String(arg.items[0].value);
  }
  throw new TemplateError(node?.ref ?? at, `FunctionArn of authorizer ${name} must be !GetAtt <a function of this template>.Arn`);
}

/** A route's authorization: the event's Authorizer, else DefaultAuthorizer, else none. */
export function routeAuthorizationOf(
  event: EventAuth | undefined,
  settings: HttpAuthSettings | undefined,
  eventRef: SourceRef,
): RouteAuthorization | undefined {
  const name = event?.authorizer ?? settings?.defaultAuthorizer?.name;
  if (name === undefined || name === 'NONE') return undefined;
  const ref = event?.authorizer !== undefined ? event.ref : (settings?.defaultAuthorizer?.ref ?? eventRef);
  if (name === 'AWS_IAM') return { type: 'AWS_IAM', source: ref };
  const authorizer = settings?.authorizers.find((a) => a.name === name);
  if (authorizer === undefined) {
    throw new TemplateError(
      ref,
      `Authorizer ${name} is not defined in the HttpApi's Auth.Authorizers; use one of them, AWS_IAM or NONE`,
    );
  }
  if (authorizer.type === 'JWT') {
    return { type: 'JWT', authorizerName: name, authorizationScopes: event?.authorizationScopes ?? [], source: ref };
  }
  return { type: 'CUSTOM', authorizerName: name, source: ref };
}

/**
 * SAM's DefaultAuthorizer is not part of the API Gateway model; it is kept beside the API object read from the
 * template until the routes are attached (build-http-routes.ts), without widening the model.
 */
const settingsByApi = new WeakMap<object, HttpAuthSettings>();

export function rememberHttpAuthSettings(api: object, settings: HttpAuthSettings | undefined): void {
  if (settings !== undefined) settingsByApi.set(api, settings);
}

export function httpAuthSettingsOf(api: object): HttpAuthSettings | undefined {
  return settingsByApi.get(api);
}
