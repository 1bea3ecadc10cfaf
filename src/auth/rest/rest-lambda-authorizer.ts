/**
 * REST API Lambda authorizers (TOKEN and REQUEST): the event, the call, the output and the policy decision.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 * Input: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 * Output: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { ProxyEvent, RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { RestLambdaAuthorizer } from '../../model/auth.js';
import type { InvocationContext } from '../../pipeline/context.js';
import { type AuthorizerCache, cacheKeyOf } from '../authorizer-cache.js';
import type { AuthorizerDeps } from '../authorizer-deps.js';
import { callAuthorizerFunction } from '../lambda-authorizer-call.js';
import {
  describeStatement,
  evaluatePolicy,
  type PolicyDocument,
  PolicyParseError,
  parsePolicyDocument,
} from '../policy/evaluate-policy.js';

/** What a Lambda authorizer established, as cached. */
export interface LambdaAuthorizerResult {
  readonly principalId: string;
  readonly policy: PolicyDocument;
  readonly context: Readonly<Record<string, string | number | boolean>>;
  readonly usageIdentifierKey?: string;
}

export interface RestLambdaAuthorization {
  readonly result: LambdaAuthorizerResult;
  /** requestContext.authorizer of the proxy event. */
  readonly eventAuthorizer: Record<string, unknown>;
}

export interface RestLambdaAuthorizerInput {
  readonly authorizer: RestLambdaAuthorizer;
  /** The identity source values, in order (TOKEN: the token). */
  readonly identityValues: readonly string[];
  readonly methodArn: string;
  /** The request as the proxy integration would see it (REQUEST events are built from it). */
  readonly proxyEvent: ProxyEvent;
  readonly identity: RequestIdentity;
  readonly deploymentId: string;
}

/** REST authorizer calls are bounded like integrations (29 s); AWS documents no separate limit (inferred). */
const AUTHORIZER_TIMEOUT_MS = 29_000;

export async function runRestLambdaAuthorizer(
  input: RestLambdaAuthorizerInput,
  deps: AuthorizerDeps,
  cache: AuthorizerCache<LambdaAuthorizerResult>,
  ctx: InvocationContext,
): Promise<RestLambdaAuthorization> {
  const { authorizer, identity } = input;
  const unauthorized = (detail: string) =>
    new GatewayError('AUTHORIZER_UNAUTHORIZED', detail, { requestId: identity.requestId }, authorizer.source);
  const cacheable = authorizer.resultTtlInSeconds > 0 && input.identityValues.length > 0;
  const key = cacheKeyOf([input.deploymentId, authorizer.name, ...input.identityValues]);
  const hit = cacheable ? cache.get(key) : undefined;
  let result: LambdaAuthorizerResult;
  let latencyMs = 0;
  if (hit) {
    result = hit.value;
    ctx.note(
      `Using cached authorizer result for ${authorizer.name} (age ${hit.ageSeconds} s, TTL ${authorizer.resultTtlInSeconds} s)`,
    );
  } else {
    const call = await callAuthorizerFunction(
      deps,
      {
        functionLogicalId: authorizer.functionLogicalId,
        authorizerName: authorizer.name,
        event: authorizerEvent(input),
        traceId: identity.traceId,
        timeoutInMillis: AUTHORIZER_TIMEOUT_MS,
        source: authorizer.source,
        missingCode: 'AUTHORIZER_CONFIGURATION_ERROR',
      },
      ctx,
    );
    latencyMs = call.latencyMs;
    if (call.kind === 'unauthorized') {
      throw unauthorized(
        `authorizer ${authorizer.name} (function ${authorizer.functionLogicalId}) raised the error "Unauthorized"`,
      );
    }
    if (call.kind === 'failed') throw configurationError(authorizer, call.reason, 'Authorizer error');
    result = parseAuthorizerOutput(authorizer, call.value);
    if (cacheable) cache.set(key, result, authorizer.resultTtlInSeconds);
  }
  decide(authorizer.name, result, input.methodArn, ctx);
  ctx.note(`Successfully completed authorizer execution`);
  return { result, eventAuthorizer: restEventAuthorizer(result, latencyMs) };
}

/** TOKEN: `{type, authorizationToken, methodArn}`; REQUEST: the request's parameters (documented input formats). */
function authorizerEvent(input: RestLambdaAuthorizerInput): Record<string, unknown> {
  if (input.authorizer.type === 'TOKEN') {
    return { type: 'TOKEN', authorizationToken: input.identityValues[0] ?? '', methodArn: input.methodArn };
  }
  const e = input.proxyEvent;
  return {
    type: 'REQUEST',
    methodArn: input.methodArn,
    resource: e.resource,
    path: e.path,
    httpMethod: e.httpMethod,
    headers: e.headers,
    multiValueHeaders: e.multiValueHeaders,
    queryStringParameters: e.queryStringParameters ?? {},
    multiValueQueryStringParameters: e.multiValueQueryStringParameters ?? {},
    pathParameters: e.pathParameters ?? {},
    stageVariables: e.stageVariables ?? {},
    requestContext: e.requestContext,
  };
}

/**
 * Documented: principalId and policyDocument are required; context values may be strings, numbers or booleans
 * ("You can't set a JSON object or array as a valid value of any key in the context map"). A violation answers 500
 * AUTHORIZER_CONFIGURATION_ERROR (reported: "Execution failed due to configuration error: Could not parse policy",
 * ExpanseLLC/lambda_authorizer#1; serverless/examples#305).
 */
export function parseAuthorizerOutput(
  authorizer: { name: string; source: RestLambdaAuthorizer['source'] },
  value: unknown,
): LambdaAuthorizerResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw configurationError(
      authorizer,
      `the authorizer returned ${value === null ? 'null' : typeof value}, not { principalId, policyDocument }`,
      'Could not parse policy',
    );
  }
  const out = value as Record<string, unknown>;
  if (typeof out.principalId !== 'string' && typeof out.principalId !== 'number') {
    throw configurationError(authorizer, 'the authorizer output has no principalId', 'Invalid JSON in response: principalId');
  }
  let policy: PolicyDocument;
  try {
    policy = parsePolicyDocument(out.policyDocument);
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    throw configurationError(authorizer, `policyDocument: ${error.message}`, 'Could not parse policy');
  }
  const context: Record<string, string | number | boolean> = {};
  if (out.context !== undefined && out.context !== null) {
    if (typeof out.context !== 'object' || Array.isArray(out.context)) {
      throw configurationError(
        authorizer,
        'context must be a map of strings, numbers and booleans',
        'Invalid JSON in response: context',
      );
    }
    for (const [k, v] of Object.entries(out.context as Record<string, unknown>)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw configurationError(
          authorizer,
          `context.${k} is ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}; only strings, numbers and booleans are allowed`,
          'Invalid JSON in response: context',
        );
      }
      context[k] = v;
    }
  }
  return {
    principalId: String(out.principalId),
    policy,
    context,
    ...(typeof out.usageIdentifierKey === 'string' ? { usageIdentifierKey: out.usageIdentifierKey } : {}),
  };
}

function decide(name: string, result: LambdaAuthorizerResult, methodArn: string, ctx: InvocationContext): void {
  const decision = evaluatePolicy(result.policy, methodArn);
  if (decision.effect === 'Allow') {
    ctx.note(
      `Using valid authorizer policy for principal: ${mask(result.principalId)} (${describeStatement(decision.statement)})`,
    );
    return;
  }
  if (decision.effect === 'ExplicitDeny') {
    throw new GatewayError(
      'AUTHORIZER_EXPLICIT_DENY',
      `authorizer ${name}: ${describeStatement(decision.statement)} matches ${methodArn} (principal ${result.principalId})`,
    );
  }
  const skipped =
    decision.skippedConditions > 0 ? `; ${decision.skippedConditions} statement(s) with a Condition were not evaluated` : '';
  const listed = result.policy.statements.map(describeStatement).join('; ');
  throw new GatewayError(
    'AUTHORIZER_ACCESS_DENIED',
    `authorizer ${name}: no Allow statement matches ${methodArn} (principal ${result.principalId}; policy: ${listed})${skipped}`,
  );
}

/**
 * requestContext.authorizer of a REST proxy event: principalId, integrationLatency and the context keys. Context
 * values reach the integration as strings (the output doc's own example writes "1" and "true"; inferred from public
 * captures, not recorded).
 */
function restEventAuthorizer(result: LambdaAuthorizerResult, latencyMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result.context)) out[k] = String(v);
  out.principalId = result.principalId;
  out.integrationLatency = latencyMs;
  return out;
}

export function configurationError(
  authorizer: { name: string; source: RestLambdaAuthorizer['source'] },
  detail: string,
  awsReason: string,
): GatewayError {
  return new GatewayError(
    'AUTHORIZER_CONFIGURATION_ERROR',
    `authorizer ${authorizer.name}: ${detail}`,
    { reason: awsReason },
    authorizer.source,
  );
}

function mask(text: string): string {
  return text.length <= 4 ? '****' : `****${text.slice(-4)}`;
}
