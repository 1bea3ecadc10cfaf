import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpenApiDefinition, parseFunctionFlag } from '../../../src/config/openapi/load-openapi.js';

// `gatehouse start --openapi` with a URI whose function is a stage variable (stage-variables.html): the function
// the stage's variable names is loaded, and the integration keeps the URI for the request to resolve.
const definition = `openapi: '3.0.1'
info: { title: t, version: '1' }
paths:
  /x:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:\${stageVariables.fn}/invocations'
`;

describe('standalone OpenAPI: a stage variable naming the function', () => {
  it('keeps the URI and loads the function the stage names', async () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-openapi-'));
    const file = path.join(dir, 'api.yaml');
    writeFileSync(file, definition);
    const functions = ['One', 'Two'].map((name) => parseFunctionFlag(`${name}=./src:index.handler`, dir));
    // Act
    const model = await loadOpenApiDefinition(file, { functions, stageVariables: { fn: 'Two' } });
    // Assess
    const integration = model.restApis[0]?.resources.find((r) => r.path === '/x')?.methods[0]?.integration;
    expect(integration).toMatchObject({ type: 'AWS_PROXY', functionUri: expect.stringContaining('function:$') });
    expect(model.functions.map((f) => f.logicalId)).toEqual(['Two']);
  });
});
