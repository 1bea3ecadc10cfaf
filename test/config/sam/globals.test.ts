import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import { templatePath } from './fixtures.js';

// AWS (SAM): primitives are replaced, maps are merged, lists are additive (Globals first).
// Docs: sam-specification-template-anatomy-globals.html#sam-specification-template-anatomy-globals-overrideable
describe('Globals', () => {
  const functionNamed = async (logicalId: string) =>
    (await loadSamTemplate(templatePath('globals.yaml'))).functions.find((fn) => fn.logicalId === logicalId);

  it('lets the resource replace a primitive and merges Environment.Variables (the docs example)', async () => {
    const fn = await functionNamed('MyFunction');
    expect(fn?.runtime).toBe('python3.12');
    expect(fn?.environment).toEqual({ STAGE: 'Production', TABLE_NAME: 'resource-table', NEW_VAR: 'hello' });
  });

  it('gives every global to a function that sets none itself', async () => {
    expect(await functionNamed('InheritingFunction')).toMatchObject({
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      timeoutSeconds: 180,
      memorySizeMb: 512,
      environment: { STAGE: 'Production', TABLE_NAME: 'global-table' },
    });
  });

  it("honours IgnoreGlobals: '*' and a list of property names", async () => {
    expect(await functionNamed('IsolatedFunction')).toMatchObject({ timeoutSeconds: 3, memorySizeMb: 128, environment: {} });
    expect(await functionNamed('PartlyIsolatedFunction')).toMatchObject({
      handler: 'index.handler',
      timeoutSeconds: 3,
      memorySizeMb: 512,
      environment: {},
    });
  });

  it('appends the API list to the global list and merges the variables map', async () => {
    const model = await loadSamTemplate(templatePath('globals.yaml'));
    const api = model.restApis.find((a) => a.logicalId === 'ImagesApi');
    expect(api?.binaryMediaTypes).toEqual(['image/png', 'image/gif']);
    expect(api?.stages[0]?.variables).toEqual({ shared: 'local', own: 'value' });
  });

  it('points a value taken from Globals at the Globals line', async () => {
    const model = await loadSamTemplate(templatePath('globals.yaml'));
    expect(model.restApis[0]?.binaryMediaTypesSource).toMatchObject({
      keyPath: 'Resources.ImagesApi.Properties.BinaryMediaTypes',
    });
    const implicit = await loadSamTemplate(templatePath('implicit-api.yaml'));
    expect(implicit.restApis[0]?.binaryMediaTypesSource).toMatchObject({ keyPath: 'Globals.Api.BinaryMediaTypes', line: 17 });
  });
});
