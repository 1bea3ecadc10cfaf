import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDefaultTemplate, loadSamTemplate } from '../../../src/config/index.js';
import { templatePath } from './fixtures.js';

// AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
describe('AWS::Serverless::Function', () => {
  it('defaults Timeout to 3, MemorySize to 128, CodeUri to the template folder, x86_64', async () => {
    const model = await loadSamTemplate(templatePath('intrinsics-short.yaml'));
    expect(model.functions.find((fn) => fn.logicalId === 'WorkerFunction')).toMatchObject({
      functionName: 'WorkerFunction',
      timeoutSeconds: 3,
      memorySizeMb: 128,
      codeUri: dirname(templatePath('intrinsics-short.yaml')),
      architecture: 'x86_64',
      environment: {},
    });
  });

  it('stringifies environment values as CloudFormation does', async () => {
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    expect(model.functions[0]?.environment).toEqual({
      TABLE_NAME: 'images-table',
      STAGE: 'production',
      MAX_SIZE: '1024',
      DEBUG: 'true',
      RATIO: '1.50',
    });
  });

  it('reads Architectures, ReservedConcurrentExecutions 0 and Metadata.BuildMethod/BuildProperties', async () => {
    const model = await loadSamTemplate(templatePath('inline-code.yaml'));
    expect(model.functions[0]).toMatchObject({
      architecture: 'arm64',
      reservedConcurrency: 0,
      buildMethod: 'esbuild',
      buildProperties: { Minify: false, Target: 'es2022', EntryPoints: ['app.ts'] },
    });
  });

  it('writes InlineCode to index.js in a folder that becomes the CodeUri', async () => {
    // AWS: inline code is stored as index.js / index.py (aws-properties-lambda-function-code.html#ZipFile).
    const model = await loadSamTemplate(templatePath('inline-code.yaml'));
    const codeUri = model.functions[0]?.codeUri ?? '';
    expect(existsSync(join(codeUri, 'index.js'))).toBe(true);
    expect(readFileSync(join(codeUri, 'index.js'), 'utf8')).toContain('exports.handler');
  });

  it('points each function at its declaration', async () => {
    const model = await loadSamTemplate(templatePath('implicit-api.yaml'));
    expect(model.functions[0]?.source).toMatchObject({ line: 22, column: 3, keyPath: 'Resources.ImageFunction' });
  });
});

describe('findDefaultTemplate', () => {
  it('finds template.yaml before template.yml and template.json', async () => {
    expect(await findDefaultTemplate(templatePath('default-lookup/yaml-and-json'))).toBe(
      templatePath('default-lookup/yaml-and-json/template.yaml'),
    );
    expect(await findDefaultTemplate(templatePath('default-lookup/yml-and-json'))).toBe(
      templatePath('default-lookup/yml-and-json/template.yml'),
    );
    expect(await findDefaultTemplate(templatePath('default-lookup/json-only'))).toBe(
      templatePath('default-lookup/json-only/template.json'),
    );
  });

  it('returns undefined when there is none', async () => {
    expect(await findDefaultTemplate(templatePath('errors'))).toBeUndefined();
  });
});
