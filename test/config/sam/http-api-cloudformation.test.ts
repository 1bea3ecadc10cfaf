import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import { templatePath } from './fixtures.js';

// AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
//      (and -route, -integration, -stage). The fixture is shaped like `cdk synth` output (JSON, asset metadata,
//      Fn::Join targets) with a few hand-written resources next to it.
describe('plain AWS::ApiGatewayV2 resources (a CDK-like JSON template)', () => {
  const load = () => loadSamTemplate(templatePath('cdk-http-api/template.json'));
  const itemsApi = async () => (await load()).httpApis.find((api) => api.logicalId === 'HttpApiF5A9A8A7');

  it('builds an HttpApi from Api, Route, Integration and Stage resources', async () => {
    const api = await itemsApi();
    expect(api).toMatchObject({ name: 'items-http-api', implicit: false });
    expect(api?.routes.map((r) => `${r.routeKey} → ${r.integration.functionLogicalId}`)).toEqual([
      'GET /items/{id} → ItemsHandler1E2F3A4B',
      'POST /items → ItemsHandler1E2F3A4B',
      '$default → LegacyHandler',
    ]);
  });

  it('follows Target written as Fn::Join and Fn::Sub of integrations/<Ref Integration>', async () => {
    const routes = (await itemsApi())?.routes ?? [];
    expect(routes[0]?.integration.source.keyPath).toBe('Resources.HttpApiGETitemsidItemsIntegration8A1B9C0D');
    expect(routes[1]?.integration.source.keyPath).toBe('Resources.HttpApiGETitemsidItemsIntegration8A1B9C0D');
    expect(routes[0]?.source).toMatchObject({ keyPath: 'Resources.HttpApiGETitemsid1A2B3C4D', line: 92 });
  });

  it('reads PayloadFormatVersion and TimeoutInMillis of each integration (default 30000 ms)', async () => {
    const routes = (await itemsApi())?.routes ?? [];
    expect(routes[0]?.integration).toMatchObject({ type: 'AWS_PROXY', payloadFormatVersion: '2.0', timeoutInMillis: 30000 });
    // IntegrationUri in the apigateway invocation form, built with Fn::Sub.
    expect(routes[2]?.integration).toMatchObject({ payloadFormatVersion: '1.0', timeoutInMillis: 12000 });
  });

  it('serves every AWS::ApiGatewayV2::Stage of the API with its variables', async () => {
    expect((await itemsApi())?.stages.map((s) => [s.name, s.variables])).toEqual([
      ['$default', {}],
      ['prod', { table: 'items-prod' }],
    ]);
  });

  it('reads the Cors of the Api', async () => {
    expect((await itemsApi())?.cors).toMatchObject({
      allowOrigins: ['*'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['authorization', 'content-type'],
      exposeHeaders: [],
      maxAge: 86400,
      allowCredentials: false,
    });
  });

  it('makes a quick-create Api (Target) a $default route on an auto-deployed $default stage', async () => {
    // AWS: "Quick create produces an API with an integration, a default catch-all route, and a default stage".
    const quick = (await load()).httpApis.find((api) => api.logicalId === 'QuickApi');
    expect(quick?.stages.map((s) => s.name)).toEqual(['$default']);
    expect(quick?.routes).toEqual([
      expect.objectContaining({
        routeKey: '$default',
        integration: expect.objectContaining({ functionLogicalId: 'ItemsHandler1E2F3A4B', payloadFormatVersion: '2.0' }),
      }),
    ]);
  });

  it('runs the AWS::Lambda::Function resources an integration calls: CDK asset folder, or Code: ./dir', async () => {
    const model = await load();
    expect(model.functions.map((fn) => [fn.logicalId, fn.functionName, fn.codeUri])).toEqual([
      ['ItemsHandler1E2F3A4B', 'ItemsHandler1E2F3A4B', templatePath('cdk-http-api/asset.0123456789abcdef')],
      ['LegacyHandler', 'legacy-handler', templatePath('cdk-http-api/legacy')],
    ]);
    expect(model.functions[0]).toMatchObject({ runtime: 'nodejs20.x', timeoutSeconds: 10, environment: { TABLE: 'items' } });
  });

  it('names at start-up what it does not serve: WebSocket APIs, HTTP_PROXY routes, uncalled Lambda functions', async () => {
    const model = await load();
    const reasons = model.ignored.map((item) => `${item.logicalId}: ${item.reason}`);
    expect(reasons).toContain('ChatApi: WebSocket APIs are not emulated (its routes, integrations and stages are ignored too)');
    expect(reasons).toContain(
      'ProxyRoute: ANY /proxy/{proxy+} is not served: integration ProxyIntegration is HTTP_PROXY, which is not emulated (locally its requests reach the other routes)',
    );
    expect(reasons).toContain(
      'LogRetentionHandler: not run: no HTTP API integration calls it (use AWS::Serverless::Function for functions gatehouse runs)',
    );
    expect(model.httpApis.map((api) => api.logicalId)).toEqual(['HttpApiF5A9A8A7', 'QuickApi']);
  });
});
