import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import { templatePath } from './fixtures.js';

// AWS (SAM): Api events without RestApiId form one API SAM creates, ServerlessRestApi, on the stage Prod.
// Docs: sam-property-function-api.html#sam-function-api-restapiid; SAM docs/internals/generated_resources.rst
describe('SAM implicit API (ServerlessRestApi)', () => {
  it('collects every Api event without RestApiId into one API with stage Prod', async () => {
    // Act
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    // Assess
    expect(model.restApis.map((api) => api.logicalId)).toEqual(['ServerlessRestApi']);
    const [api] = model.restApis;
    expect(api?.implicit).toBe(true);
    expect(api?.id).toMatch(/^[a-z0-9]{10}$/);
    expect(api?.stages[0]?.name).toBe('Prod');
  });

  it('also deploys the extra stage named Stage, as SAM does without OpenApiVersion', async () => {
    // Observed in samtranslator api_generator.py _construct_deployment: StageName "Stage" unless OpenApiVersion.
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    expect(model.restApis[0]?.stages.map((stage) => stage.name)).toEqual(['Prod', 'Stage']);
  });

  it('takes binaryMediaTypes from Globals.Api, translating ~1 to /', async () => {
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    const api = model.restApis[0];
    expect(api?.binaryMediaTypes).toEqual(['image/png', '*/*']);
    expect(api?.binaryMediaTypesSource).toMatchObject({ line: 17, column: 5, keyPath: 'Globals.Api.BinaryMediaTypes' });
  });

  it('builds the resource tree with every ancestor path and the methods where declared', async () => {
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    const resources = model.restApis[0]?.resources ?? [];
    expect(resources.map((r) => [r.path, r.methods.map((m) => m.httpMethod)])).toEqual([
      ['/', ['ANY']],
      ['/images', []],
      ['/images/{name}', ['GET']],
      ['/items', ['GET']],
      ['/items/{proxy+}', ['ANY']],
    ]);
    for (const resource of resources) expect(resource.id).toMatch(/^[a-z0-9]{6}$/);
  });

  it('integrates each method with its function as AWS_PROXY, TimeoutInMillis defaulting to 29000', async () => {
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    const items = model.restApis[0]?.resources.find((r) => r.path === '/items');
    const proxy = model.restApis[0]?.resources.find((r) => r.path === '/items/{proxy+}');
    expect(items?.methods[0]?.integration).toMatchObject({
      type: 'AWS_PROXY',
      functionLogicalId: 'ItemsFunction',
      timeoutInMillis: 5000,
    });
    expect(proxy?.methods[0]?.integration.timeoutInMillis).toBe(29000);
    expect(items?.methods[0]?.source).toMatchObject({
      line: 58,
      column: 9,
      keyPath: 'Resources.ItemsFunction.Properties.Events.ListItems',
    });
  });

  it('is not created when no Api event uses it', async () => {
    const model = await loadSamTemplate(templatePath('explicit-api.yaml'));
    expect(model.restApis.some((api) => api.implicit)).toBe(false);
  });
});

describe('resources gatehouse does not emulate', () => {
  it('lists other resource types and other event types as ignored, with a reason and a line', async () => {
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    expect(model.ignored).toEqual([
      {
        logicalId: 'ImageFunction.Events.Upload',
        type: 'S3',
        reason: 'S3 events are not emulated; only Api and HttpApi events are served',
        source: expect.objectContaining({ line: 46, keyPath: 'Resources.ImageFunction.Properties.Events.Upload' }),
      },
      {
        logicalId: 'UploadBucket',
        type: 'AWS::S3::Bucket',
        reason: 'not emulated',
        source: expect.objectContaining({ line: 70 }),
      },
      {
        logicalId: 'ItemsTable',
        type: 'AWS::DynamoDB::Table',
        reason: 'not emulated',
        source: expect.objectContaining({ line: 73 }),
      },
    ]);
  });
});
