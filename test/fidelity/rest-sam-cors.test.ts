import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// SAM `Cors`, `Auth.AddDefaultAuthorizerToCorsPreflight` and `GatewayResponses` on AWS::Serverless::Api.
// samtranslator (swagger/swagger.py add_cors, _options_method_response_for_cors, _make_cors_allowed_methods_for_path;
// set_path_default_authorizer; model/apigateway.py ApiGatewayResponse). Docs: sam-property-api-corsconfiguration.html,
// sam-property-api-apiauth.html, sam-property-api-gatewayresponse.html.
const fx = useFixtureGateway('sam-cors');
const preflight = {
  Origin: 'https://app.example.com',
  'Access-Control-Request-Method': 'GET',
  'Access-Control-Request-Headers': 'authorization',
};

describe('SAM Cors: the generated OPTIONS methods', () => {
  it('answers the preflight from the MOCK integration with the quoted literals of Cors (no authorizer)', async () => {
    const res = await fx.gateway.inject({ method: 'OPTIONS', path: '/open/items', headers: preflight });
    expect(res.status).toBe(200);
    expect(res.header('Access-Control-Allow-Origin')).toBe('*');
    // No AllowMethods: the path's methods plus OPTIONS, sorted.
    expect(res.header('Access-Control-Allow-Methods')).toBe('GET,OPTIONS,POST');
    // Not given: SAM leaves these headers out.
    expect(res.header('Access-Control-Allow-Headers')).toBeUndefined();
    expect(res.header('Access-Control-Max-Age')).toBeUndefined();
    expect(res.header('Access-Control-Allow-Credentials')).toBeUndefined();
    expect(res.text()).toBe('{}\n');
    expect(res.header('Content-Type')).toBe('application/json');
  });

  it('lists every method for a path with ANY', async () => {
    const res = await fx.gateway.inject({ method: 'OPTIONS', path: '/open/things/7', headers: preflight });
    expect(res.status).toBe(200);
    expect(res.header('Access-Control-Allow-Methods')).toBe('DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT');
  });

  it('adds no OPTIONS method to a path without methods of its own (403 as on AWS)', async () => {
    const res = await fx.gateway.inject({ method: 'OPTIONS', path: '/open/things', headers: preflight });
    expect(res.status).toBe(403);
  });

  it('with the DefaultAuthorizer on the preflight (AddDefaultAuthorizerToCorsPreflight default true) a browser preflight is 401', async () => {
    const res = await fx.gateway.inject({ method: 'OPTIONS', path: '/guarded/items', headers: preflight });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text())).toEqual({ message: 'Unauthorized' });
    // The DEFAULT_4XX customisation applies to the 401.
    expect(res.header('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(res.header('X-Request-Origin')).toBe('https://app.example.com');
  });

  it('the Globals.Api map: every header from its quoted literals, once authorized', async () => {
    const res = await fx.gateway.inject({
      method: 'OPTIONS',
      path: '/guarded/items',
      headers: { ...preflight, Authorization: 'allow' },
    });
    expect(res.status).toBe(200);
    expect(res.header('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(res.header('Access-Control-Allow-Methods')).toBe('GET,POST');
    expect(res.header('Access-Control-Allow-Headers')).toBe('Content-Type,Authorization');
    expect(res.header('Access-Control-Max-Age')).toBe('600');
    expect(res.header('Access-Control-Allow-Credentials')).toBe('true');
  });

  it('leaves the actual request to the function: its own CORS headers are passed through', async () => {
    const res = await fx.gateway.inject({
      method: 'GET',
      path: '/open/items',
      headers: { Origin: 'https://app.example.com', Authorization: 'allow' },
    });
    expect(res.status).toBe(200);
    expect(res.header('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(res.header('Access-Control-Allow-Methods')).toBeUndefined();
  });
});

describe('SAM GatewayResponses', () => {
  it('MISSING_AUTHENTICATION_TOKEN with StatusCode 404 and a template', async () => {
    const res = await fx.gateway.inject({ method: 'GET', path: '/guarded/nowhere', headers: { Authorization: 'allow' } });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text())).toEqual({ message: 'no such route: /guarded/nowhere' });
  });

  it('DEFAULT_4XX adds its headers to a denied request and keeps the status', async () => {
    const res = await fx.gateway.inject({
      method: 'GET',
      path: '/guarded/items',
      headers: { Origin: 'https://other.example.com', Authorization: 'deny' },
    });
    expect(res.status).toBe(403);
    expect(res.header('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(res.header('X-Request-Origin')).toBe('https://other.example.com');
  });

  it('the other API keeps AWS default gateway responses', async () => {
    const res = await fx.gateway.inject({ method: 'GET', path: '/open/nowhere' });
    expect(res.status).toBe(403);
    expect(res.header('Access-Control-Allow-Origin')).toBeUndefined();
  });
});
