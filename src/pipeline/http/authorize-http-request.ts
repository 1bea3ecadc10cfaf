/**
 * Phase: authorization of an HTTP API route (JWT, Lambda or IAM), after route selection and before the integration.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html
 * CORS preflights never get here: with CORS configured, API Gateway answers them before authorization (documented,
 * http-api-cors.html), see invoke-http-api.ts.
 * requestContext.authorizer shapes: 2.0 `{jwt: {claims, scopes}}`, `{lambda: {...context}}`, `{iam: {...}}`
 * (documented examples, http-api-develop-integrations-lambda.html); 1.0 `{claims, scopes}` for JWT (documented
 * keys) and the context keys plus principalId/integrationLatency for Lambda authorizers (inferred, as REST).
 */
import { AuthorizerCache } from '../../auth/authorizer-cache.js';
import type { AuthorizerDeps } from '../../auth/authorizer-deps.js';
import { type HttpAuthorization, runHttpJwtAuthorizer, runHttpLambdaAuthorizer } from '../../auth/http/http-authorizers.js';
import { parseQuery, readIdentitySources } from '../../auth/identity-sources.js';
import { JwksStore } from '../../auth/jwt/jwks-store.js';
import { methodArnOf } from '../../auth/policy/evaluate-policy.js';
import { callerIdentityOf, verifySigV4 } from '../../auth/sigv4/verify-sigv4.js';
import { GatewayError } from '../../failures/gateway-error.js';
import { buildHttpApiEventV1, buildHttpApiEventV2 } from '../../integrations/lambda-proxy/build-http-api-event.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { HttpLambdaAuthorizer } from '../../model/auth.js';
import type { Stage } from '../context.js';
import { httpApiEventInput } from './http-api-event-input.js';
import type { MatchedHttpRoute } from './route-http-request.js';

export interface HttpAuthorizationInput {
  readonly matched: MatchedHttpRoute;
  readonly identity: RequestIdentity;
}

export function createAuthorizeHttpRequest(deps: AuthorizerDeps): Stage<HttpAuthorizationInput, RequestIdentity> {
  const cache = new AuthorizerCache<{ value: unknown }>();
  const keys = new JwksStore({
    ...(deps.auth?.jwks ? { files: deps.auth.jwks } : {}),
    ...(deps.auth?.fetch ? { fetch: deps.auth.fetch } : {}),
  });
  return {
    name: 'authorizer',
    async run({ matched, identity }, ctx) {
      const authorization = matched.route.authorization;
      if (authorization === undefined || authorization.type === 'NONE') return identity;
      const v2 = matched.route.integration.payloadFormatVersion === '2.0';
      if (authorization.type === 'AWS_IAM') return authorizeIam(matched, identity, deps, v2);
      const api = matched.deployed.deployment.api;
      const authorizer = (api.authorizers ?? []).find((a) => a.name === authorization.authorizerName);
      if (authorizer === undefined) {
        throw new GatewayError(
          'HTTP_AUTHORIZER_ERROR',
          `the route refers to authorizer ${authorization.authorizerName}, which ${api.logicalId} does not define`,
          { reason: 'Invalid authorizer' },
          authorization.source,
        );
      }
      const values = readIdentitySources(authorizer.identitySource, identityRequestOf(matched, identity));
      if (!values.ok) {
        throw new GatewayError(
          'HTTP_UNAUTHORIZED',
          `authorizer ${authorizer.name} needs identity source ${values.missing}, which the request lacks or sends empty`,
          { reason: `missing ${values.missing}` },
          authorizer.source,
        );
      }
      let result: HttpAuthorization;
      if (authorizer.type === 'JWT') {
        const scopes = authorization.type === 'JWT' ? authorization.authorizationScopes : [];
        result = await runHttpJwtAuthorizer(authorizer, values.values[0] ?? '', scopes, keys, ctx);
      } else {
        result = await runHttpLambdaAuthorizer(
          {
            authorizer,
            identityValues: values.values,
            routeArn: routeArnOf(matched, identity, deps.region),
            event: authorizerEvent(authorizer, matched, identity, values.values, routeArnOf(matched, identity, deps.region)),
            traceId: identity.traceId,
            deploymentId: matched.deployed.deployment.id,
          },
          deps,
          cache,
          ctx,
        );
      }
      return { ...identity, authorizer: eventAuthorizer(result, v2) };
    },
  };
}

function eventAuthorizer(result: HttpAuthorization, v2: boolean): Record<string, unknown> {
  if (result.kind === 'jwt')
    return v2 ? { jwt: { claims: result.claims, scopes: result.scopes } } : { claims: result.claims, scopes: result.scopes };
  if (v2) return { lambda: result.context };
  return {
    ...result.context,
    ...(result.principalId ? { principalId: result.principalId } : {}),
    integrationLatency: result.latencyMs,
  };
}

function routeArnOf(matched: MatchedHttpRoute, identity: RequestIdentity, region: string): string {
  return methodArnOf({
    region,
    accountId: identity.accountId,
    apiId: matched.deployed.deployment.api.id,
    stage: matched.deployed.stage.name,
    method: matched.parsed.request.method,
    path: matched.path,
  });
}

/**
 * Documented authorizer events (http-api-lambda-authorizer.html#http-api-lambda-authorizer.payload-format):
 * 2.0 = the request's 2.0 event without body, plus `type`, `routeArn` and `identitySource` (a list of values);
 * 1.0 = the 1.0 event plus `type`, `methodArn`, `identitySource` and `authorizationToken` (values joined by commas).
 */
function authorizerEvent(
  authorizer: HttpLambdaAuthorizer,
  matched: MatchedHttpRoute,
  identity: RequestIdentity,
  values: readonly string[],
  routeArn: string,
): Record<string, unknown> {
  const input = httpApiEventInput(matched, Buffer.alloc(0));
  if (authorizer.payloadFormatVersion === '2.0') {
    const { body: _body, isBase64Encoded: _b64, version: _version, ...rest } = buildHttpApiEventV2(input, identity);
    return { version: '2.0', type: 'REQUEST', routeArn, identitySource: [...values], ...rest };
  }
  const { body: _body, isBase64Encoded: _b64, version: _version, ...rest } = buildHttpApiEventV1(input, identity);
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: routeArn,
    identitySource: values.join(','),
    authorizationToken: values.join(','),
    ...rest,
  };
}

function identityRequestOf(matched: MatchedHttpRoute, identity: RequestIdentity) {
  const { request } = matched.parsed;
  return {
    headers: request.headers,
    query: parseQuery(matched.parsed.rawQuery),
    stageVariables: matched.deployed.stage.variables,
    context: {
      'identity.sourceIp': request.sourceIp,
      'http.sourceIp': request.sourceIp,
      httpMethod: request.method,
      'http.method': request.method,
      stage: matched.deployed.stage.name,
      routeKey: matched.route.routeKey,
      requestId: identity.extendedRequestId,
      apiId: matched.deployed.deployment.api.id,
      accountId: identity.accountId,
    },
  };
}

function authorizeIam(matched: MatchedHttpRoute, identity: RequestIdentity, deps: AuthorizerDeps, v2: boolean): RequestIdentity {
  const { request } = matched.parsed;
  const result = verifySigV4(
    {
      method: request.method,
      rawPath: matched.parsed.rawPath,
      rawQuery: matched.parsed.rawQuery,
      headers: request.headers,
      body: request.body,
    },
    deps.auth?.iamCredentials ?? [],
    { region: deps.region, service: 'execute-api' },
  );
  const source = matched.route.authorization?.type === 'AWS_IAM' ? matched.route.authorization.source : matched.route.source;
  if (!result.ok) {
    // Inferred: HTTP APIs answer IAM failures 403 {"message":"Forbidden"} (no recorded bodies for HTTP APIs).
    throw new GatewayError('HTTP_FORBIDDEN', `AWS_IAM: ${result.reason}`, { reason: result.reason }, source);
  }
  const { userArn, userId } = callerIdentityOf(result.credential, identity.accountId);
  const iam = {
    accessKey: result.accessKeyId,
    accountId: identity.accountId,
    callerId: userId,
    cognitoIdentity: null,
    principalOrgId: null,
    userArn,
    userId,
  };
  return v2
    ? { ...identity, authorizer: { iam } }
    : {
        ...identity,
        caller: { accessKey: result.accessKeyId, accountId: identity.accountId, caller: userId, user: userId, userArn },
      };
}
