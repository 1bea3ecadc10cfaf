import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import { templatePath } from './fixtures.js';

// AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html
describe('AWS::Serverless::HttpApi', () => {
  const apiNamed = async (logicalId: string) =>
    (await loadSamTemplate(templatePath('http-api-explicit.yaml'))).httpApis.find((api) => api.logicalId === logicalId);

  it('serves a StageName stage only: SAM creates no $default stage next to it', async () => {
    // samtranslator http_api_generator.py _construct_stage: one AWS::ApiGatewayV2::Stage, StageName or $default.
    const api = await apiNamed('OrdersApi');
    expect(api).toMatchObject({ name: 'orders-api', implicit: false });
    expect(api?.stages).toEqual([
      {
        name: 'dev',
        // Globals.HttpApi.StageVariables merged with the API's own (maps merge).
        variables: { shared: 'from-globals', table: 'orders' },
        source: expect.objectContaining({ line: 18, column: 7, keyPath: 'Resources.OrdersApi.Properties.StageName' }),
      },
    ]);
  });

  it('uses the $default stage when StageName is absent', async () => {
    expect((await apiNamed('OpenApi'))?.stages).toEqual([
      {
        name: '$default',
        variables: { shared: 'from-globals' },
        source: expect.objectContaining({ keyPath: 'Resources.OpenApi' }),
      },
    ]);
  });

  it('reads the CorsConfiguration object', async () => {
    expect((await apiNamed('OrdersApi'))?.cors).toEqual({
      allowOrigins: ['https://example.com'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type'],
      exposeHeaders: ['x-request-id'],
      maxAge: 600,
      allowCredentials: true,
      source: expect.objectContaining({ keyPath: 'Resources.OrdersApi.Properties.CorsConfiguration', line: 21 }),
    });
  });

  it('reads CorsConfiguration: true as all origins (and nothing else)', async () => {
    expect((await apiNamed('OpenApi'))?.cors).toMatchObject({ allowOrigins: ['*'], allowMethods: [], allowHeaders: [] });
  });

  it('attaches routes of events with ApiId (short and long Ref) to that API only, $default included', async () => {
    const routesOf = async (id: string) => (await apiNamed(id))?.routes.map((r) => r.routeKey);
    expect(await routesOf('OrdersApi')).toEqual(['GET /orders', '$default']);
    // The same route key on another API is no duplicate.
    expect(await routesOf('OpenApi')).toEqual(['GET /orders']);
  });

  it('reads an unquoted PayloadFormatVersion: 2.0 as written', async () => {
    expect((await apiNamed('OpenApi'))?.routes[0]?.integration.payloadFormatVersion).toBe('2.0');
  });

  it('records the OpenAPI DefinitionBody as not read yet, and still serves the events', async () => {
    const model = await loadSamTemplate(templatePath('http-api-explicit.yaml'));
    expect(model.ignored).toEqual([
      {
        logicalId: 'OpenApi',
        type: 'AWS::Serverless::HttpApi',
        reason: 'the OpenAPI DefinitionBody is not read yet; only routes from HttpApi events are served',
        source: expect.objectContaining({ keyPath: 'Resources.OpenApi.Properties.DefinitionBody' }),
      },
    ]);
  });

  it('gives each API its own id, the same on every load', async () => {
    const first = await loadSamTemplate(templatePath('http-api-explicit.yaml'));
    const second = await loadSamTemplate(templatePath('http-api-explicit.yaml'));
    const ids = first.httpApis.map((api) => api.id);
    expect(new Set(ids).size).toBe(2);
    expect(second.httpApis.map((api) => api.id)).toEqual(ids);
  });
});
