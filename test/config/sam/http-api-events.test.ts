import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import type { HttpApi } from '../../../src/model/index.js';
import { templatePath } from './fixtures.js';

// AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-httpapi.html
describe('HttpApi events without ApiId: the implicit ServerlessHttpApi', () => {
  const implicitApi = async (): Promise<HttpApi | undefined> =>
    (await loadSamTemplate(templatePath('http-api-implicit.yaml'))).httpApis[0];
  const route = async (routeKey: string) => (await implicitApi())?.routes.find((r) => r.routeKey === routeKey);

  it('collects every HttpApi event without ApiId into ServerlessHttpApi on the $default stage', async () => {
    // AWS (SAM): "If not defined, a default AWS::Serverless::HttpApi resource is created called ServerlessHttpApi";
    // StageName "Default: $default" (sam-resource-httpapi.html).
    const model = await loadSamTemplate(templatePath('http-api-implicit.yaml'));
    expect(model.httpApis).toHaveLength(1);
    expect(model.restApis).toEqual([]);
    const api = model.httpApis[0];
    expect(api).toMatchObject({ logicalId: 'ServerlessHttpApi', name: 'ServerlessHttpApi', implicit: true });
    expect(api?.id).toMatch(/^[a-z0-9]{10}$/);
    expect(api?.stages.map((s) => s.name)).toEqual(['$default']);
    expect(api?.routes.map((r) => r.routeKey)).toEqual([
      'GET /items/{id}',
      'POST /items',
      'ANY /files/{proxy+}',
      '$default',
      'GET /slow',
    ]);
  });

  it('points the implicit API at the first event that declares it, with file, line and key', async () => {
    expect((await implicitApi())?.source).toEqual({
      file: templatePath('http-api-implicit.yaml'),
      line: 29,
      column: 9,
      keyPath: 'Resources.ItemsFunction.Properties.Events.GetItem',
    });
  });

  it('makes an event without Path and Method the $default route', async () => {
    // AWS (SAM): "If no Path and Method are specified, SAM will create a default API path that routes any request
    // that doesn't map to a different endpoint to this Lambda function."
    const catchAll = await route('$default');
    expect(catchAll).toMatchObject({ routeKey: '$default', integration: { functionLogicalId: 'CatchAllFunction' } });
    expect(catchAll?.method).toBeUndefined();
    expect(catchAll?.path).toBeUndefined();
    expect(catchAll?.source.keyPath).toBe('Resources.CatchAllFunction.Properties.Events.Everything');
  });

  it('upper-cases Method (any → ANY) and keeps the path template', async () => {
    expect(await route('ANY /files/{proxy+}')).toMatchObject({ method: 'ANY', path: '/files/{proxy+}' });
    expect(await route('POST /items')).toMatchObject({ method: 'POST', path: '/items' });
  });

  it.each([
    ['GET /items/{id}', '1.0'],
    ['POST /items', '2.0'],
  ] as const)('%s uses payload format %s (2.0 unless PayloadFormatVersion says otherwise)', async (routeKey, version) => {
    // AWS (SAM): PayloadFormatVersion "Default: 2.0".
    expect((await route(routeKey))?.integration).toMatchObject({ type: 'AWS_PROXY', payloadFormatVersion: version });
  });

  it.each([
    ['GET /items/{id}', 5000],
    ['ANY /files/{proxy+}', 30000],
    ['GET /slow', 50],
    ['POST /items', 30000],
  ] as const)('%s has an integration timeout of %i ms (API Gateway default 30000)', async (routeKey, timeout) => {
    // AWS: 50..30000 ms for HTTP APIs, 30 s by default (AWS::ApiGatewayV2::Integration TimeoutInMillis).
    expect((await route(routeKey))?.integration.timeoutInMillis).toBe(timeout);
  });

  it('applies Globals.HttpApi to the implicit API: CorsConfiguration true allows every origin, StageVariables', async () => {
    // AWS (SAM): CorsConfiguration "If this property is set to true, then all origins are allowed";
    // samtranslator sets allowOrigins ['*'] only.
    const api = await implicitApi();
    expect(api?.cors).toEqual({
      allowOrigins: ['*'],
      allowMethods: [],
      allowHeaders: [],
      exposeHeaders: [],
      allowCredentials: false,
      source: expect.objectContaining({ keyPath: 'Globals.HttpApi.CorsConfiguration', line: 10 }),
    });
    expect(api?.stages[0]?.variables).toEqual({ table: 'items-table' });
  });

  it('lets !Ref ServerlessHttpApi give the API id', async () => {
    const model = await loadSamTemplate(templatePath('http-api-implicit.yaml'));
    expect(model.functions.find((fn) => fn.logicalId === 'ItemsFunction')?.environment).toEqual({
      API_ID: model.httpApis[0]?.id,
    });
  });

  it('enforces the route Auth (a JWT authorizer of Globals.HttpApi) and says RouteSettings are not applied', async () => {
    const model = await loadSamTemplate(templatePath('http-api-implicit.yaml'));
    const route = model.httpApis[0]?.routes.find((r) => r.routeKey === 'POST /items');
    expect(route?.authorization).toMatchObject({ type: 'JWT', authorizerName: 'OAuth2', authorizationScopes: [] });
    expect(model.httpApis[0]?.authorizers?.[0]).toMatchObject({ type: 'JWT', audience: ['items-client'] });
    expect(model.ignored).toEqual([
      {
        logicalId: 'ItemsFunction.Events.CreateItem',
        type: 'HttpApi',
        reason: 'RouteSettings (throttling, logging) are not applied',
        source: expect.objectContaining({ line: 43 }),
      },
    ]);
  });
});
