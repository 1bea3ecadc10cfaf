/**
 * HTTP API authorizers: JWT (http-api-jwt-authorizer.html) and Lambda REQUEST authorizers with payload 1.0/2.0,
 * simple or IAM-policy responses (http-api-lambda-authorizer.html). Answers (documented): a missing identity source
 * or a rejected JWT is 401 {"message":"Unauthorized"} with a www-authenticate header for JWTs
 * (http-api-troubleshooting-jwt.html); a Lambda authorizer that says no is 403 {"message":"Forbidden"}.
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { HttpJwtAuthorizer, HttpLambdaAuthorizer } from '../../model/auth.js';
import type { InvocationContext } from '../../pipeline/context.js';
import { type AuthorizerCache, cacheKeyOf } from '../authorizer-cache.js';
import type { AuthorizerDeps } from '../authorizer-deps.js';
import { httpJwtClaims } from '../jwt/event-claims.js';
import type { JwksStore } from '../jwt/jwks-store.js';
import { type JwtCheck, stripBearer, verifyJwt } from '../jwt/verify-jwt.js';
import { callAuthorizerFunction } from '../lambda-authorizer-call.js';
import { describeStatement, evaluatePolicy, PolicyParseError, parsePolicyDocument } from '../policy/evaluate-policy.js';

/** What an HTTP authorizer established: the claims/context for requestContext.authorizer. */
export type HttpAuthorization =
  | { readonly kind: 'jwt'; readonly claims: Record<string, string>; readonly scopes: readonly string[] | null }
  | {
      readonly kind: 'lambda';
      readonly context: Record<string, unknown>;
      readonly principalId?: string;
      readonly latencyMs: number;
    };

/** error_description texts: "the token does not have a valid audience" is documented; the others are inferred. */
const descriptions: Record<JwtCheck, string> = {
  malformed: 'the token is malformed',
  algorithm: 'the token is signed with an unsupported algorithm',
  kid: 'the token key id does not match a key of the issuer',
  signature: 'the token signature is invalid',
  issuer: 'the token does not have a valid issuer',
  audience: 'the token does not have a valid audience',
  expired: 'the token has expired',
  'not-before': 'the token is not valid yet',
  'issued-at': 'the token was issued in the future',
  scope: 'the token does not have the required scopes',
};

export async function runHttpJwtAuthorizer(
  authorizer: HttpJwtAuthorizer,
  identityValue: string,
  scopes: readonly string[],
  keys: JwksStore,
  ctx: InvocationContext,
): Promise<HttpAuthorization> {
  const token = stripBearer(identityValue);
  const result = await verifyJwt(
    token,
    { issuer: authorizer.issuer, audience: authorizer.audience, scopes, algorithms: ['RS256', 'RS384', 'RS512'] },
    keys,
  );
  if (result.ok === 'unavailable') {
    throw new GatewayError(
      'HTTP_UNAUTHORIZED',
      `JWT authorizer ${authorizer.name}: ${result.reason}`,
      { reason: result.reason },
      authorizer.source,
    );
  }
  if (result.ok === false) {
    // Inferred: a token lacking the route's scopes is answered 403 insufficient_scope (OAuth 2.0 bearer usage, RFC 6750).
    const scope = result.check === 'scope';
    throw new GatewayError(
      scope ? 'HTTP_FORBIDDEN' : 'HTTP_UNAUTHORIZED',
      `JWT authorizer ${authorizer.name}: ${result.reason}`,
      {
        reason: result.reason,
        wwwAuthenticate: `Bearer scope="${scopes.join(' ')}" error="${scope ? 'insufficient_scope' : 'invalid_token'}" error_description="${descriptions[result.check]}"`,
      },
      authorizer.source,
    );
  }
  ctx.note(`JWT of ${String(result.claims.sub ?? '(no sub)')} verified by ${authorizer.name} with ${result.keyFrom}`);
  return { kind: 'jwt', claims: httpJwtClaims(result.claims), scopes: result.scopes.length > 0 ? result.scopes : null };
}

export interface HttpLambdaAuthorizerInput {
  readonly authorizer: HttpLambdaAuthorizer;
  readonly identityValues: readonly string[];
  readonly routeArn: string;
  readonly event: Record<string, unknown>;
  readonly traceId: string;
  readonly deploymentId: string;
}

type Decision = {
  readonly allowed: boolean;
  readonly why: string;
  readonly context: Record<string, unknown>;
  readonly principalId?: string;
};

/** The HTTP API limit for an authorizer function's answer (inferred; the REST limit is used for REST). */
const HTTP_AUTHORIZER_TIMEOUT_MS = 10_000;

export async function runHttpLambdaAuthorizer(
  input: HttpLambdaAuthorizerInput,
  deps: AuthorizerDeps,
  cache: AuthorizerCache<{ value: unknown }>,
  ctx: InvocationContext,
): Promise<HttpAuthorization> {
  const { authorizer } = input;
  const fail = (reason: string) =>
    new GatewayError('HTTP_AUTHORIZER_ERROR', `Lambda authorizer ${authorizer.name}: ${reason}`, { reason }, authorizer.source);
  // Documented: caching needs identity sources; the key is their values.
  const cacheable = authorizer.resultTtlInSeconds > 0 && input.identityValues.length > 0;
  const key = cacheKeyOf([input.deploymentId, authorizer.name, ...input.identityValues]);
  const hit = cacheable ? cache.get(key) : undefined;
  let value: unknown;
  let latencyMs = 0;
  if (hit) {
    value = hit.value.value;
    ctx.note(
      `Using cached authorizer result for ${authorizer.name} (age ${hit.ageSeconds} s, TTL ${authorizer.resultTtlInSeconds} s)`,
    );
  } else {
    const call = await callAuthorizerFunction(
      deps,
      {
        functionLogicalId: authorizer.functionLogicalId,
        authorizerName: authorizer.name,
        event: input.event,
        traceId: input.traceId,
        timeoutInMillis: HTTP_AUTHORIZER_TIMEOUT_MS,
        source: authorizer.source,
        missingCode: 'HTTP_AUTHORIZER_ERROR',
      },
      ctx,
    );
    latencyMs = call.latencyMs;
    if (call.kind === 'unauthorized') {
      throw new GatewayError(
        'HTTP_UNAUTHORIZED',
        `Lambda authorizer ${authorizer.name} raised "Unauthorized"`,
        { reason: 'Unauthorized' },
        authorizer.source,
      );
    }
    if (call.kind === 'failed') throw fail(call.reason);
    value = call.value;
    if (cacheable) cache.set(key, { value }, authorizer.resultTtlInSeconds);
  }
  let decision: Decision;
  try {
    decision = authorizer.enableSimpleResponses ? simpleDecision(value) : policyDecision(value, input.routeArn);
  } catch (error) {
    if (error instanceof PolicyParseError) throw fail(error.message);
    throw error;
  }
  if (!decision.allowed) {
    throw new GatewayError(
      'HTTP_FORBIDDEN',
      `Lambda authorizer ${authorizer.name}: ${decision.why}`,
      { reason: decision.why },
      authorizer.source,
    );
  }
  ctx.note(`Lambda authorizer ${authorizer.name} allowed the request (${decision.why})`);
  return {
    kind: 'lambda',
    context: decision.context,
    ...(decision.principalId ? { principalId: decision.principalId } : {}),
    latencyMs,
  };
}

/** Documented simple response: `{ "isAuthorized": true|false, "context": {...} }`. */
function simpleDecision(value: unknown): Decision {
  const out = (value ?? {}) as Record<string, unknown>;
  if (typeof out.isAuthorized !== 'boolean') {
    throw new PolicyParseError(`a simple response needs a boolean isAuthorized, got ${JSON.stringify(out.isAuthorized ?? null)}`);
  }
  const context = isMap(out.context) ? out.context : {};
  return { allowed: out.isAuthorized, why: `isAuthorized: ${out.isAuthorized}`, context };
}

/** IAM policy response (payload 1.0, or 2.0 without simple responses), evaluated against the route ARN. */
function policyDecision(value: unknown, routeArn: string): Decision {
  const out = (value ?? {}) as Record<string, unknown>;
  const policy = parsePolicyDocument(out.policyDocument);
  const decision = evaluatePolicy(policy, routeArn);
  const context = isMap(out.context) ? out.context : {};
  const principalId = typeof out.principalId === 'string' ? out.principalId : undefined;
  const base = { context, ...(principalId ? { principalId } : {}) };
  if (decision.effect === 'Allow') return { ...base, allowed: true, why: describeStatement(decision.statement) };
  if (decision.effect === 'ExplicitDeny')
    return { ...base, allowed: false, why: `${describeStatement(decision.statement)} matches ${routeArn}` };
  return { ...base, allowed: false, why: `no Allow statement matches ${routeArn}` };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
