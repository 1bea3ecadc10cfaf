/**
 * SAM `Auth` of AWS::Serverless::Api and of Api events → REST authorizers and each method's authorization.
 * AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html
 *   Authorizers: sam-property-api-lambdatokenauthorizer.html, sam-property-api-lambdarequestauthorizer.html,
 *   sam-property-api-cognitoauthorizer.html; event Auth: sam-property-function-apifunctionauth.html.
 * SAM's defaults (documented): TOKEN payload, Identity.Header `Authorization`, ReauthorizeEvery 300; a DefaultAuthorizer
 * applies to every method whose event names no Authorizer; `Authorizer: NONE` opts a method out; `AWS_IAM` as a
 * DefaultAuthorizer or event Authorizer means IAM authorization.
 */
import type { FunctionSpec, MethodAuthorization, RestAuthorizer, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { parseFunctionUri } from './function-arn.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import type { MapNode } from './template-node.js';

/** An authorizer as read, its function still named by ARN (functions are matched once all are read). */
export type PendingRestAuthorizer =
  | {
      readonly kind: 'lambda';
      readonly authorizer: Omit<Extract<RestAuthorizer, { type: 'TOKEN' | 'REQUEST' }>, 'functionLogicalId'>;
      readonly functionArn: string;
      readonly arnRef: SourceRef;
    }
  | {
      readonly kind: 'cognito';
      readonly authorizer: Extract<RestAuthorizer, { type: 'COGNITO_USER_POOLS' }>;
      readonly defaultScopes: readonly string[];
    };

export interface RestAuthSettings {
  readonly authorizers: readonly PendingRestAuthorizer[];
  /** DefaultAuthorizer: an authorizer name or AWS_IAM. */
  readonly defaultAuthorizer?: { readonly name: string; readonly ref: SourceRef };
  /** Default true: the OPTIONS methods SAM generates for Cors get the DefaultAuthorizer (add-cors-preflight.ts). */
  readonly addDefaultAuthorizerToCorsPreflight: boolean;
}

/** Event `Auth` (sam-property-function-apifunctionauth.html): Authorizer and AuthorizationScopes. */
export interface EventAuth {
  readonly authorizer?: string;
  readonly authorizationScopes?: readonly string[];
  readonly ref: SourceRef;
}

/** Each entry of `Auth.Authorizers` (REST and HTTP APIs spell the map the same way), read by `readOne`. */
export function readAuthorizerEntries<T>(
  reader: PropertyReader,
  readOne: (name: string, item: NonNullable<ReturnType<PropertyReader['mapAt']>>) => T,
): T[] {
  const out: T[] = [];
  const node = reader.mapAt('Authorizers');
  if (node === undefined) return out;
  const entries = new PropertyReader(reader.resolver, node);
  for (const name of node.entries.keys()) {
    const item = entries.mapAt(name);
    if (item === undefined) throw new TemplateError(node.ref, `authorizer ${name} must be a map`);
    out.push(readOne(name, item));
  }
  return out;
}

export function readRestAuthSettings(reader: PropertyReader): RestAuthSettings {
  const authorizers = readAuthorizerEntries(reader, (name, item) => readAuthorizer(name, item, reader));
  const defaultName = reader.string('DefaultAuthorizer');
  if (defaultName !== undefined && defaultName !== 'AWS_IAM' && !authorizers.some((a) => a.authorizer.name === defaultName)) {
    throw new TemplateError(
      reader.refOf('DefaultAuthorizer'),
      `DefaultAuthorizer ${defaultName} is not one of Authorizers (${authorizers.map((a) => a.authorizer.name).join(', ') || 'none'}) nor AWS_IAM`,
    );
  }
  return {
    authorizers,
    ...(defaultName === undefined ? {} : { defaultAuthorizer: { name: defaultName, ref: reader.refOf('DefaultAuthorizer') } }),
    addDefaultAuthorizerToCorsPreflight: reader.boolean('AddDefaultAuthorizerToCorsPreflight') ?? true,
  };
}

function readAuthorizer(name: string, map: MapNode, api: PropertyReader): PendingRestAuthorizer {
  const props = new PropertyReader(api.resolver, map);
  if (props.has('UserPoolArn')) {
    checkKnownKeys(map, ['UserPoolArn', 'Identity', 'AuthorizationScopes', 'AuthorizerScopes'], `Cognito authorizer ${name}`);
    const arnNode = props.value('UserPoolArn');
    const providerArns =
      arnNode?.kind === 'seq' ? (props.stringList('UserPoolArn')?.values ?? []) : [props.string('UserPoolArn') ?? ''];
    const identity = readIdentity(props, name, 'TOKEN');
    const scopes = props.stringList('AuthorizationScopes')?.values ?? [];
    return {
      kind: 'cognito',
      authorizer: {
        name,
        type: 'COGNITO_USER_POOLS',
        providerArns,
        identitySource: identity.sources,
        ...(identity.validation === undefined ? {} : { identityValidationExpression: identity.validation }),
        source: map.ref,
      },
      defaultScopes: scopes,
    };
  }
  checkKnownKeys(
    map,
    [
      'FunctionArn',
      'FunctionPayloadType',
      'FunctionInvokeRole',
      'Identity',
      'DisableFunctionDefaultPermissions',
      'AuthorizationScopes',
    ],
    `Lambda authorizer ${name}`,
  );
  const functionArn = props.requiredString('FunctionArn', '!GetAtt AuthorizerFunction.Arn', map.ref);
  const payload = props.string('FunctionPayloadType') ?? 'TOKEN';
  if (payload !== 'TOKEN' && payload !== 'REQUEST') {
    throw new TemplateError(
      props.refOf('FunctionPayloadType'),
      `FunctionPayloadType must be TOKEN or REQUEST, got ${JSON.stringify(payload)}`,
    );
  }
  const identity = readIdentity(props, name, payload);
  return {
    kind: 'lambda',
    authorizer: {
      name,
      type: payload,
      identitySource: identity.sources,
      ...(identity.validation === undefined ? {} : { identityValidationExpression: identity.validation }),
      resultTtlInSeconds: identity.ttl,
      source: map.ref,
    },
    functionArn,
    arnRef: props.refOf('FunctionArn'),
  };
}

/** Identity: TOKEN/Cognito `Header` (default Authorization); REQUEST `Headers`, `QueryStrings`, `StageVariables`, `Context`. */
function readIdentity(
  props: PropertyReader,
  name: string,
  payload: 'TOKEN' | 'REQUEST',
): { sources: string[]; validation?: string; ttl: number } {
  const map = props.mapAt('Identity');
  const identity = map === undefined ? undefined : new PropertyReader(props.resolver, map);
  const ttl = identity?.integer('ReauthorizeEvery', { what: 'a number of seconds', min: 0, max: 3600, unit: 'seconds' }) ?? 300;
  if (payload === 'TOKEN') {
    if (map) checkKnownKeys(map, ['Header', 'ValidationExpression', 'ReauthorizeEvery'], `Identity of authorizer ${name}`);
    const header = identity?.string('Header') ?? 'Authorization';
    const validation = identity?.string('ValidationExpression');
    return { sources: [`method.request.header.${header}`], ...(validation === undefined ? {} : { validation }), ttl };
  }
  if (map)
    checkKnownKeys(
      map,
      ['Headers', 'QueryStrings', 'StageVariables', 'Context', 'ReauthorizeEvery'],
      `Identity of authorizer ${name}`,
    );
  const list = (key: string) => identity?.stringList(key)?.values ?? [];
  const sources = [
    ...list('Headers').map((h) => `method.request.header.${h}`),
    ...list('QueryStrings').map((q) => `method.request.querystring.${q}`),
    ...list('StageVariables').map((v) => `stageVariables.${v}`),
    ...list('Context').map((c) => `context.${c}`),
  ];
  // AWS: identity sources are required for a REQUEST authorizer with caching (API_Authorizer.html#identitySource).
  if (sources.length === 0 && ttl > 0) {
    throw new TemplateError(
      map?.ref ?? props.map.ref,
      `REQUEST authorizer ${name} caches results (ReauthorizeEvery ${ttl}) but names no identity source; add Identity Headers/QueryStrings/StageVariables/Context, or set ReauthorizeEvery: 0`,
    );
  }
  return { sources, ttl };
}

export function readEventAuth(props: PropertyReader): EventAuth | undefined {
  const auth = props.mapAt('Auth');
  if (auth === undefined) return undefined;
  const reader = new PropertyReader(props.resolver, auth);
  const authorizer = reader.string('Authorizer');
  const scopes = reader.stringList('AuthorizationScopes')?.values;
  return {
    ...(authorizer === undefined ? {} : { authorizer }),
    ...(scopes === undefined ? {} : { authorizationScopes: scopes }),
    ref: auth.ref,
  };
}

/** The method's authorization: the event's Authorizer, else the API's DefaultAuthorizer, else none. */
export function methodAuthorizationOf(
  event: EventAuth | undefined,
  settings: RestAuthSettings | undefined,
  eventRef: SourceRef,
): MethodAuthorization | undefined {
  const name = event?.authorizer ?? settings?.defaultAuthorizer?.name;
  if (name === undefined || name === 'NONE') return undefined;
  const ref = event?.authorizer !== undefined ? event.ref : (settings?.defaultAuthorizer?.ref ?? eventRef);
  if (name === 'AWS_IAM') return { type: 'AWS_IAM', source: ref };
  const pending = settings?.authorizers.find((a) => a.authorizer.name === name);
  if (pending === undefined) {
    throw new TemplateError(
      ref,
      `Authorizer ${name} is not defined in the API's Auth.Authorizers (${settings?.authorizers.map((a) => a.authorizer.name).join(', ') || 'none'}); use one of them, AWS_IAM or NONE`,
    );
  }
  if (pending.kind === 'cognito') {
    return {
      type: 'COGNITO_USER_POOLS',
      authorizerName: name,
      authorizationScopes: event?.authorizationScopes ?? pending.defaultScopes,
      source: ref,
    };
  }
  return { type: 'CUSTOM', authorizerName: name, source: ref };
}

/** The authorizers with their functions matched to the template's functions by name. */
export function resolveRestAuthorizers(
  settings: RestAuthSettings | undefined,
  functions: readonly FunctionSpec[],
): RestAuthorizer[] {
  return (settings?.authorizers ?? []).map((pending) => {
    if (pending.kind === 'cognito') return pending.authorizer;
    const reference = parseFunctionUri(pending.functionArn);
    const fn = reference && functions.find((f) => f.functionName === reference.functionName);
    if (fn === undefined) {
      throw new TemplateError(
        pending.arnRef,
        `FunctionArn ${pending.functionArn} of authorizer ${pending.authorizer.name} is no function of this template; write !GetAtt <an AWS::Serverless::Function>.Arn`,
      );
    }
    return { ...pending.authorizer, functionLogicalId: fn.logicalId };
  });
}
