/**
 * REST API Cognito user pool authorizers (COGNITO_USER_POOLS).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
 * Documented: the token is read from the authorizer's header (identitySource); it must be signed by a key of one of
 * the user pools and not be expired; a method without authorizationScopes takes an ID token, a method with scopes
 * an access token holding one of them. Claims reach the integration as requestContext.authorizer.claims.
 * Not checked: that aud/client_id is an app client of the pool (the template rarely says which clients exist).
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { RestCognitoAuthorizer } from '../../model/auth.js';
import type { InvocationContext } from '../../pipeline/context.js';
import { restCognitoClaims } from '../jwt/event-claims.js';
import type { JwksStore } from '../jwt/jwks-store.js';
import { type JwtResult, verifyJwt } from '../jwt/verify-jwt.js';
import { configurationError } from './rest-lambda-authorizer.js';

/** `arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}` → `https://cognito-idp.{region}.amazonaws.com/{poolId}`. */
export function cognitoIssuerOf(providerArn: string): string | undefined {
  const match = /^arn:aws[\w-]*:cognito-idp:([\w-]+):\d*:userpool\/(.+)$/.exec(providerArn);
  return match ? `https://cognito-idp.${match[1]}.amazonaws.com/${match[2]}` : undefined;
}

export async function runRestCognitoAuthorizer(
  input: { authorizer: RestCognitoAuthorizer; token: string; scopes: readonly string[]; requestId: string },
  keys: JwksStore,
  ctx: InvocationContext,
): Promise<Record<string, unknown>> {
  const { authorizer, token, scopes } = input;
  const unauthorized = (detail: string) =>
    new GatewayError(
      'AUTHORIZER_UNAUTHORIZED',
      `Cognito authorizer ${authorizer.name}: ${detail}`,
      { requestId: input.requestId },
      authorizer.source,
    );
  let issuer: string | undefined;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    issuer = typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    throw unauthorized('the Authorization value is not a JWT (the header carries the token itself, without "Bearer ")');
  }
  const issuers = authorizer.providerArns.map(cognitoIssuerOf).filter((i): i is string => i !== undefined);
  if (issuer === undefined || !issuers.includes(issuer)) {
    throw unauthorized(`the token's iss ${JSON.stringify(issuer ?? null)} is none of the user pools [${issuers.join(', ')}]`);
  }
  // Cognito signs with RS256 only.
  const result: JwtResult = await verifyJwt(token, { issuer, audience: [], scopes, algorithms: ['RS256'] }, keys);
  if (result.ok === 'unavailable') throw configurationError(authorizer, result.reason, 'Unable to retrieve the user pool keys');
  if (result.ok === false) {
    if (result.check === 'expired') {
      throw new GatewayError(
        'COGNITO_TOKEN_EXPIRED',
        `Cognito authorizer ${authorizer.name}: ${result.reason}`,
        {},
        authorizer.source,
      );
    }
    throw unauthorized(result.reason);
  }
  const tokenUse = result.claims.token_use;
  if (scopes.length === 0 && tokenUse !== 'id') {
    throw unauthorized(
      `the method has no authorizationScopes, so it takes an ID token; this token's token_use is ${JSON.stringify(tokenUse ?? null)}`,
    );
  }
  if (scopes.length > 0 && tokenUse !== 'access') {
    throw unauthorized(
      `the method has authorizationScopes [${scopes.join(', ')}], so it takes an access token; this token's token_use is ${JSON.stringify(tokenUse ?? null)}`,
    );
  }
  ctx.note(`Cognito token of ${String(result.claims.sub ?? '(no sub)')} verified with ${result.keyFrom}`);
  return { claims: restCognitoClaims(result.claims) };
}
