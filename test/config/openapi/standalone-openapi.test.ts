import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTemplateError, readSamTemplate } from '../../../src/config/index.js';
import { loadOpenApiDefinition, parseFunctionFlag } from '../../../src/config/openapi/load-openapi.js';
import { type StartedGateway, startGateway } from '../../../src/index.js';

// `gatehouse start --openapi`: a definition served on its own, Lambda URIs mapped to local functions by name.
const project = fileURLToPath(new URL('../../fixtures/projects/rest-openapi/', import.meta.url));
const definition = `${project}definitions/swagger.yaml`;

describe('standalone OpenAPI definitions', () => {
  it('maps the ARN function name to a --function flag', async () => {
    const fn = parseFunctionFlag('ValueFunction=./src:value.handler', project);
    const model = await loadOpenApiDefinition(definition, { functions: [fn] });
    const api = model.restApis[0];
    expect(api?.name).toBe('from-a-file');
    expect(api?.stages.map((s) => s.name)).toEqual(['dev']);
    expect(api?.resources.map((r) => r.path)).toEqual(['/', '/bad-template', '/ok']);
    expect(api?.resources[2]?.methods[0]?.integration).toMatchObject({
      type: 'AWS',
      functionLogicalId: 'ValueFunction',
      passthroughBehavior: 'WHEN_NO_MATCH',
    });
    expect(model.functions.map((f) => f.codeUri)).toEqual([`${project}src`]);
  });

  it('names the flag to pass when a function is not mapped, at the uri line', async () => {
    const error = await loadOpenApiDefinition(definition, { functions: [] }).catch((e: unknown) => e);
    expect(isTemplateError(error)).toBe(true);
    expect(String(error)).toMatch(/swagger\.yaml:10:\d+ .*--function ValueFunction=/);
  });

  it('rejects a malformed --function flag', () => {
    expect(() => parseFunctionFlag('nonsense', project)).toThrow(/Name=\.\/folder:file\.handler/);
  });
});

describe('served end to end', () => {
  let gw: StartedGateway;
  beforeAll(async () => {
    gw = await startGateway({
      template: definition,
      openapi: { file: definition, functions: [parseFunctionFlag('ValueFunction=./src:value.handler', project)] },
    });
  });
  afterAll(async () => gw?.close());
  it('answers through the non-proxy integration', async () => {
    const res = await gw.inject({ path: '/dev/ok' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ from: '/ok' });
  });
});

describe('definition errors point into the definition', () => {
  const sam = (body: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      DefinitionBody:
${body}`;
  it('an unknown integration type', () => {
    const run = () =>
      readSamTemplate(
        sam(`        openapi: 3.0.1
        paths:
          /x:
            get:
              x-amazon-apigateway-integration:
                type: lambda
`),
        'template.yaml',
      );
    expect(run).toThrow(
      /template\.yaml:13:\d+ .*integration type must be aws, aws_proxy, http, http_proxy or mock, got "lambda"/,
    );
  });

  it('an invalid selection pattern', () => {
    const run = () =>
      readSamTemplate(
        sam(`        openapi: 3.0.1
        paths:
          /x:
            get:
              x-amazon-apigateway-integration:
                type: mock
                responses:
                  '(unclosed': { statusCode: '200' }
`),
        'template.yaml',
      );
    expect(run).toThrow(/template\.yaml:15:\d+ .*selectionPattern "\(unclosed" is not a valid regular expression/);
  });

  it('an undefined request validator', () => {
    const run = () =>
      readSamTemplate(
        sam(`        openapi: 3.0.1
        paths:
          /x:
            get:
              x-amazon-apigateway-request-validator: strict
              x-amazon-apigateway-integration: { type: mock }
`),
        'template.yaml',
      );
    expect(run).toThrow(/request validator "strict" is not defined/);
  });
});
