import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// REST API Lambda authorizers with real authorizer functions (test/fixtures/projects/authorizers/src).
// Documented: input formats (api-gateway-lambda-authorizer-input.html), output and context value types
// (api-gateway-lambda-authorizer-output.html), 401 for a missing/invalid identity source without calling the function
// (knowledge-center/api-gateway-401-error-lambda-authorizer), the two 403 messages, implicit vs explicit deny
// (knowledge-center/api-gateway-403-error-lambda-authorizer), cached policies re-evaluated per method ARN
// (knowledge-center/api-gateway-lambda-authorization-errors). Reported, not recorded: 500 {"message":null} with
// x-amzn-ErrorType AuthorizerConfigurationException (aws/chalice#670, serverless/examples#305). Inferred: context
// values stringified and integrationLatency in requestContext.authorizer of the proxy event.
const fx = useFixtureGateway('authorizers');

const call = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fx.gateway.inject({ method, path: `/dev${path}`, headers });

type EchoedEvent = { requestContext: { authorizer?: Record<string, unknown> } };

describe('REST TOKEN authorizer', () => {
  it('allows with the policy, and puts principalId and context (as strings) into requestContext.authorizer', async () => {
    // Act
    const res = await call('/items/1', { Authorization: 'allow' });
    // Assess
    expect(res.status).toBe(200);
    const authorizer = (res.json() as EchoedEvent).requestContext.authorizer ?? {};
    expect(authorizer.principalId).toBe('user-alice');
    expect(authorizer.user).toBe('alice');
    expect(authorizer.admin).toBe('true');
    expect(authorizer.level).toBe('3');
    expect(authorizer.type).toBe('TOKEN');
    expect(typeof authorizer.integrationLatency).toBe('number');
    expect(authorizer.methodArn).toMatch(/^arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/dev\/GET\/items\/1$/);
  });

  it('answers 401 {"message":"Unauthorized"} without the token header, without calling the function', async () => {
    const res = await call('/items/1');
    expect(res.status).toBe(401);
    expect(res.text()).toBe('{"message":"Unauthorized"}');
    expect(res.header('x-amzn-ErrorType')).toBe('UnauthorizedException');
    expect(res.trace.failure?.code).toBe('AUTHORIZER_UNAUTHORIZED');
    expect(res.explanation).toContain('needs identity source method.request.header.Authorization');
    expect(res.trace.lambda).toBeUndefined();
  });

  it('answers 401 when the token does not match the identityValidationExpression', async () => {
    const res = await call('/items/1', { Authorization: 'Not Valid 123' });
    expect(res.status).toBe(401);
    expect(res.explanation).toContain('does not match identityValidationExpression [a-z-]+');
    expect(res.trace.lambda).toBeUndefined();
  });

  it('answers 401 when the authorizer function raises "Unauthorized"', async () => {
    const res = await call('/items/1', { Authorization: 'unauthorized' });
    expect(res.status).toBe(401);
    expect(res.text()).toBe('{"message":"Unauthorized"}');
    expect(res.explanation).toContain('raised the error "Unauthorized"');
  });

  it('answers 403 "... with an explicit deny" for a Deny statement, naming the statement', async () => {
    const res = await call('/items/1', { Authorization: 'deny' });
    expect(res.status).toBe(403);
    expect(res.text()).toBe('{"message":"User is not authorized to access this resource with an explicit deny"}');
    expect(res.header('x-amzn-ErrorType')).toBe('AccessDeniedException');
    expect(res.explanation).toContain('Statement[0] Deny');
  });

  it('lets an explicit Deny win over an Allow that also matches', async () => {
    const denied = await call('/items/1', { Authorization: 'allow-and-deny' });
    expect(denied.status).toBe(403);
    expect(denied.trace.failure?.code).toBe('AUTHORIZER_EXPLICIT_DENY');
    expect(denied.explanation).toContain('Statement[1] Deny');
    expect((await call('/items', { Authorization: 'allow-and-deny' }, 'POST')).status).toBe(200);
  });

  it('answers 403 "User is not authorized to access this resource" when no statement allows the method ARN', async () => {
    const res = await call('/items/1', { Authorization: 'other-resource' });
    expect(res.status).toBe(403);
    expect(res.text()).toBe('{"message":"User is not authorized to access this resource"}');
    expect(res.trace.failure?.code).toBe('AUTHORIZER_ACCESS_DENIED');
    expect(res.explanation).toContain('no Allow statement matches');
  });

  it('matches ? as one character and * across slashes in Resource', async () => {
    expect((await call('/items/7', { Authorization: 'allow-get-wildcard' })).status).toBe(200);
    expect((await call('/items', { Authorization: 'allow-get-wildcard' }, 'POST')).status).toBe(403);
  });

  it('caches the result by token for the TTL and evaluates the cached policy against each method ARN', async () => {
    // Prepare: the first call stores a policy allowing exactly GET /items/1.
    const first = await call('/items/1', { Authorization: 'allow-this-only' });
    expect(first.status).toBe(200);
    const calls = (first.json() as EchoedEvent).requestContext.authorizer?.calls;
    // Act
    const again = await call('/items/1', { Authorization: 'allow-this-only' });
    const other = await call('/items/2', { Authorization: 'allow-this-only' });
    // Assess: served from the cache (same invocation count); the cached policy denies /items/2.
    expect((again.json() as EchoedEvent).requestContext.authorizer?.calls).toBe(calls);
    expect(again.trace.awsLog.join('\n')).toContain('Using cached authorizer result for TokenAuth');
    expect(other.status).toBe(403);
    expect(other.text()).toBe('{"message":"User is not authorized to access this resource"}');
  });

  it('calls the function every time with ReauthorizeEvery: 0', async () => {
    const a = await call('/uncached', { Authorization: 'allow' });
    const b = await call('/uncached', { Authorization: 'allow' });
    const count = (r: typeof a) => Number((r.json() as EchoedEvent).requestContext.authorizer?.calls);
    expect(count(b)).toBe(count(a) + 1);
  });

  it('answers 500 {"message":null} AuthorizerConfigurationException for a context value that is an object', async () => {
    const res = await call('/uncached', { Authorization: 'object-context' });
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"message":null}');
    expect(res.header('x-amzn-ErrorType')).toBe('AuthorizerConfigurationException');
    expect(res.explanation).toContain('context.nested is object');
  });

  it('answers 500 for an authorizer that throws another error or returns no policy', async () => {
    const thrown = await call('/uncached', { Authorization: 'boom' });
    expect(thrown.status).toBe(500);
    expect(thrown.explanation).toContain('unexpected token boom');
    const noPolicy = await call('/uncached', { Authorization: 'no-policy' });
    expect(noPolicy.status).toBe(500);
    expect(noPolicy.explanation).toContain('policyDocument');
  });

  it('leaves Authorizer: NONE methods open, with no authorizer in the event', async () => {
    const res = await call('/public');
    expect(res.status).toBe(200);
    expect((res.json() as EchoedEvent).requestContext.authorizer).toBeUndefined();
  });
});

describe('REST REQUEST authorizer', () => {
  it('reads header, query string, stage variable and context identity sources and passes the REQUEST event', async () => {
    const res = await call('/tenants?tenant=acme', { 'X-User': 'bob' });
    expect(res.status).toBe(200);
    const authorizer = (res.json() as EchoedEvent).requestContext.authorizer ?? {};
    expect(authorizer).toMatchObject({
      principalId: 'bob',
      tenant: 'acme',
      flavour: 'vanilla',
      sourceIp: '127.0.0.1',
      type: 'REQUEST',
    });
  });

  it('answers 401 when an identity source is missing, naming it', async () => {
    const res = await call('/tenants', { 'X-User': 'bob' });
    expect(res.status).toBe(401);
    expect(res.explanation).toContain('method.request.querystring.tenant');
  });

  it('answers 403 with the explicit deny the function returned', async () => {
    const res = await call('/tenants?tenant=acme', { 'X-User': 'eve' });
    expect(res.status).toBe(403);
    expect(res.text()).toBe('{"message":"User is not authorized to access this resource with an explicit deny"}');
  });
});
