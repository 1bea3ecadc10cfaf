import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// Authorizers from an OpenAPI DefinitionBody: a security scheme with x-amazon-apigateway-authorizer (type token) and
// one with x-amazon-apigateway-authtype awsSigv4, referenced by each operation's `security` (documented,
// api-gateway-swagger-extensions-authorizer.html, api-gateway-swagger-extensions-authtype.html).
const fx = useFixtureGateway('authorizers-openapi');

describe('OpenAPI securitySchemes with x-amazon-apigateway-authorizer', () => {
  it('runs the token authorizer the operation names, and its policy decides', async () => {
    expect((await fx.gateway.inject({ path: '/dev/docs', headers: { Authorization: 'allow' } })).status).toBe(200);
    expect((await fx.gateway.inject({ path: '/dev/docs', headers: { Authorization: 'deny' } })).status).toBe(403);
    expect((await fx.gateway.inject({ path: '/dev/docs' })).status).toBe(401);
  });

  it('treats an awsSigv4 scheme as IAM authorization: unsigned is 403 Missing Authentication Token', async () => {
    const res = await fx.gateway.inject({ path: '/dev/signed' });
    expect(res.status).toBe(403);
    expect(res.trace.failure?.code).toBe('IAM_MISSING_AUTHENTICATION_TOKEN');
  });
});
