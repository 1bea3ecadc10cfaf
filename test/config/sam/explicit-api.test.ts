import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import { templatePath } from './fixtures.js';

// AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
describe('AWS::Serverless::Api', () => {
  it('reads StageName, Name, Variables, CacheClusterEnabled and MethodSettings into its stage', async () => {
    const model = await loadSamTemplate(templatePath('explicit-api.yaml'));
    const api = model.restApis.find((a) => a.logicalId === 'ImagesApi');
    expect(api?.name).toBe('images-api');
    expect(api?.implicit).toBe(false);
    expect(api?.stages[0]).toMatchObject({
      name: 'dev',
      // Globals.Api.Variables merged with the API's own (maps merge).
      variables: { shared: 'from-globals', bucket: 'my-images' },
      cacheClusterEnabled: true,
      // Globals lists come first, then the API's own.
      methodSettings: [
        { resourcePath: '/*', httpMethod: '*', throttlingRateLimit: 100 },
        { resourcePath: '/images/{name}', httpMethod: 'GET', cachingEnabled: true, cacheTtlInSeconds: 60 },
      ],
      source: { line: 16, column: 7, keyPath: 'Resources.ImagesApi.Properties.StageName' },
    });
  });

  it('accepts both the ~1 spelling and a plain / in BinaryMediaTypes', async () => {
    // AWS (SAM): "Use ~1 instead of / in the mime types" (sam-resource-api.html#sam-api-binarymediatypes).
    const model = await loadSamTemplate(templatePath('explicit-api.yaml'));
    expect(model.restApis.find((a) => a.logicalId === 'ImagesApi')?.binaryMediaTypes).toEqual(['image/png', 'image/jpeg']);
  });

  it('has no extra Stage stage when OpenApiVersion is set', async () => {
    const model = await loadSamTemplate(templatePath('explicit-api.yaml'));
    const stagesOf = (id: string) => model.restApis.find((a) => a.logicalId === id)?.stages.map((s) => s.name);
    expect(stagesOf('ImagesApi')).toEqual(['dev', 'Stage']);
    expect(stagesOf('PlainApi')).toEqual(['v1']);
  });

  it('attaches routes of events with RestApiId (short and long Ref) to that API only', async () => {
    const model = await loadSamTemplate(templatePath('explicit-api.yaml'));
    const routes = (id: string) =>
      model.restApis.find((a) => a.logicalId === id)?.resources.flatMap((r) => r.methods.map((m) => `${m.httpMethod} ${r.path}`));
    expect(routes('ImagesApi')).toEqual(['GET /images/{name}']);
    expect(routes('PlainApi')).toEqual(['GET /images/{name}']);
  });

  it('gives each API its own stable ids', async () => {
    const first = await loadSamTemplate(templatePath('explicit-api.yaml'));
    const second = await loadSamTemplate(templatePath('explicit-api.yaml'));
    const [a, b] = first.restApis;
    expect(a?.id).not.toBe(b?.id);
    expect(second.restApis.map((api) => api.id)).toEqual(first.restApis.map((api) => api.id));
    expect(a?.resources[0]?.id).not.toBe(b?.resources[0]?.id);
  });

  it('reads the OpenAPI DefinitionBody (here without paths) and still serves the events', async () => {
    const model = await loadSamTemplate(templatePath('explicit-api.yaml'));
    expect(model.ignored.filter((item) => item.logicalId === 'PlainApi')).toEqual([]);
    const plain = model.restApis.find((api) => api.logicalId === 'PlainApi');
    expect(
      plain?.resources.flatMap((r) => r.methods.map((m) => `${m.httpMethod} ${r.path} ${m.integration.type}`)).length,
    ).toBeGreaterThan(0);
  });

  it('resolves CodeUri relative to the template', async () => {
    const model = await loadSamTemplate(templatePath('explicit-api.yaml'));
    expect(model.functions[0]?.codeUri).toBe(templatePath('images'));
  });
});
