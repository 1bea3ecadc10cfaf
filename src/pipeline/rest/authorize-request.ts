/**
 * Phase: authorization of a REST API method (part of AWS's method request, before API keys and validation).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
 * authorizationType NONE: nothing to do; CUSTOM: a Lambda authorizer (TOKEN or REQUEST) and its IAM policy;
 * COGNITO_USER_POOLS: a user pool token; AWS_IAM: a SigV4 signature.
 * Order: AWS runs authorizers before the API key check (a key can come from the authorizer,
 * api-gateway-api-key-source.html); where throttling sits relative to them is not established.
 */
import type { AuthOptions } from '../../auth/auth-options.js';
import { AuthorizerCache } from '../../auth/authorizer-cache.js';
import type { AuthorizerDeps } from '../../auth/authorizer-deps.js';
import { parseQuery, readIdentitySources } from '../../auth/identity-sources.js';
import { JwksStore } from '../../auth/jwt/jwks-store.js';
import { methodArnOf } from '../../auth/policy/evaluate-policy.js';
import { runRestCognitoAuthorizer } from '../../auth/rest/rest-cognito-authorizer.js';
import {
  configurationError,
  type LambdaAuthorizerResult,
  runRestLambdaAuthorizer,
} from '../../auth/rest/rest-lambda-authorizer.js';
import { callerIdentityOf, verifySigV4 } from '../../auth/sigv4/verify-sigv4.js';
import { GatewayError } from '../../failures/gateway-error.js';
import { buildProxyEvent, type RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { MethodAuthorization, RestAuthorizer } from '../../model/auth.js';
import type { InvocationContext, Stage } from '../context.js';
import { headerValue } from '../http-message.js';
import type { MatchedRoute } from './route-request.js';

export interface AuthorizationInput {
  readonly route: MatchedRoute;
  readonly identity: RequestIdentity;
}

/** The phase, with the authorizer cache and JWKS store of one gateway. */
export function createAuthorizeRequest(deps: AuthorizerDeps): Stage<AuthorizationInput, RequestIdentity> {
  const cache = new AuthorizerCache<LambdaAuthorizerResult>();
  const keys = new JwksStore({
    ...(deps.auth?.jwks ? { files: deps.auth.jwks } : {}),
    ...(deps.auth?.fetch ? { fetch: deps.auth.fetch } : {}),
  });
  return {
    name: 'authorizer',
    // Synchronous for a method without authorization (most of them): ctx.step then records it without an await.
    run({ route, identity }, ctx) {
      const authorization: MethodAuthorization | undefined = route.method.authorization;
      if (authorization === undefined || authorization.type === 'NONE') return identity;
      return authorize(route, identity, authorization, ctx);
    },
  };

  async function authorize(
    route: MatchedRoute,
    identity: RequestIdentity,
    authorization: Exclude<MethodAuthorization, { type: 'NONE' }>,
    ctx: InvocationContext,
  ): Promise<RequestIdentity> {
    const api = route.deployed.deployment.api;
    const methodArn = methodArnOf({
      region: deps.region,
      accountId: identity.accountId,
      apiId: api.id,
      stage: route.deployed.stage.name,
      method: route.parsed.request.method,
      path: route.path,
    });
    if (authorization.type === 'AWS_IAM') return authorizeIam(route, identity, deps.auth, deps.region, ctx);
    const authorizer = (api.authorizers ?? []).find((a) => a.name === authorization.authorizerName);
    if (authorizer === undefined) {
      throw new GatewayError(
        'AUTHORIZER_CONFIGURATION_ERROR',
        `the method refers to authorizer ${authorization.authorizerName}, which API ${api.logicalId} does not define`,
        { reason: 'Invalid authorizer' },
        authorization.source,
      );
    }
    ctx.note(`Starting authorizer: ${authorizer.name} for request: ${identity.requestId}`);
    const values = readIdentitySources(authorizer.identitySource, identityRequestOf(route, identity));
    if (!values.ok) {
      throw new GatewayError(
        'AUTHORIZER_UNAUTHORIZED',
        `authorizer ${authorizer.name} needs identity source ${values.missing}, which the request lacks or sends empty; the authorizer was not called`,
        { requestId: identity.requestId },
        authorizer.source,
      );
    }
    checkValidationExpression(authorizer, values.values[0] ?? '', identity);
    if (authorizer.type === 'COGNITO_USER_POOLS') {
      const scopes = authorization.type === 'COGNITO_USER_POOLS' ? authorization.authorizationScopes : [];
      const eventAuthorizer = await runRestCognitoAuthorizer(
        { authorizer, token: values.values[0] ?? '', scopes, requestId: identity.requestId },
        keys,
        ctx,
      );
      return { ...identity, authorizer: eventAuthorizer };
    }
    ctx.note(`Incoming identity: ${maskIdentity(values.values)}`);
    const outcome = await runRestLambdaAuthorizer(
      {
        authorizer,
        identityValues: values.values,
        methodArn,
        proxyEvent: buildProxyEvent(route, identity).event,
        identity,
        deploymentId: route.deployed.deployment.id,
      },
      deps,
      cache,
      ctx,
    );
    const key = outcome.result.usageIdentifierKey;
    return { ...identity, authorizer: outcome.eventAuthorizer, ...(key === undefined ? {} : { usageIdentifierKey: key }) };
  }
}

/** TOKEN (and Cognito) authorizers: a token not matching identityValidationExpression is 401 without a call (documented). */
function checkValidationExpression(authorizer: RestAuthorizer, token: string, identity: RequestIdentity): void {
  const expression = authorizer.type === 'REQUEST' ? undefined : authorizer.identityValidationExpression;
  if (expression === undefined) return;
  let matches: boolean;
  try {
    matches = new RegExp(`^(?:${expression})$`).test(token);
  } catch {
    throw configurationError(
      authorizer,
      `identityValidationExpression ${expression} is not a valid regular expression`,
      'Invalid identity validation expression',
    );
  }
  if (!matches) {
    throw new GatewayError(
      'AUTHORIZER_UNAUTHORIZED',
      `the token does not match identityValidationExpression ${expression} of authorizer ${authorizer.name}; the authorizer was not called`,
      { requestId: identity.requestId },
      authorizer.source,
    );
  }
}

function identityRequestOf(route: MatchedRoute, identity: RequestIdentity) {
  const { request } = route.parsed;
  const api = route.deployed.deployment.api;
  return {
    headers: request.headers,
    query: parseQuery(route.parsed.rawQuery),
    stageVariables: route.deployed.stage.variables,
    context: {
      'identity.sourceIp': request.sourceIp,
      'identity.userAgent': headerValue(request.headers, 'user-agent') ?? '',
      httpMethod: request.method,
      stage: route.deployed.stage.name,
      path: route.requestContextPath,
      resourcePath: route.resource.path,
      resourceId: route.resource.id,
      requestId: identity.requestId,
      extendedRequestId: identity.extendedRequestId,
      apiId: api.id,
      accountId: identity.accountId,
      protocol: request.protocol,
      domainName: headerValue(request.headers, 'host') ?? '',
    },
  };
}

function authorizeIam(
  route: MatchedRoute,
  identity: RequestIdentity,
  auth: AuthOptions | undefined,
  region: string,
  ctx: InvocationContext,
): RequestIdentity {
  const { request } = route.parsed;
  const result = verifySigV4(
    {
      method: request.method,
      rawPath: route.parsed.rawPath,
      rawQuery: route.parsed.rawQuery,
      headers: request.headers,
      body: request.body,
    },
    auth?.iamCredentials ?? [],
    { region, service: 'execute-api' },
  );
  const source = route.method.authorization?.type === 'AWS_IAM' ? route.method.authorization.source : route.method.source;
  if (!result.ok) {
    switch (result.failure) {
      case 'missing':
        throw new GatewayError(
          'IAM_MISSING_AUTHENTICATION_TOKEN',
          `the method requires AWS_IAM and ${result.reason}`,
          {},
          source,
        );
      case 'unknown-key':
        throw new GatewayError('IAM_UNKNOWN_ACCESS_KEY', result.reason, {}, source);
      case 'expired':
        throw new GatewayError('IAM_SIGNATURE_EXPIRED', result.reason, result.fields, source);
      case 'mismatch':
        throw new GatewayError(
          'IAM_SIGNATURE_MISMATCH',
          `${result.reason}\ncanonical request:\n${result.canonicalRequest}\nstring to sign:\n${result.stringToSign}`,
          { canonicalRequestJson: jsonInner(result.canonicalRequest), stringToSignJson: jsonInner(result.stringToSign) },
          source,
        );
    }
  }
  const { userArn, userId } = callerIdentityOf(result.credential, identity.accountId);
  ctx.note(`IAM signature of ${result.accessKeyId} verified (${userArn})`);
  return {
    ...identity,
    caller: { accessKey: result.accessKeyId, accountId: identity.accountId, caller: userId, user: userId, userArn },
  };
}

/** A string as it appears inside a JSON string literal (newlines as \n). */
function jsonInner(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function maskIdentity(values: readonly string[]): string {
  return values.map((v) => (v.length <= 4 ? '****' : `****${v.slice(-4)}`)).join(', ');
}
