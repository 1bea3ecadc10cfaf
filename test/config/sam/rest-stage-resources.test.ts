import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import { fixtureTemplate } from '../../support/fixture-gateway.js';

// AWS::ApiGateway::Stage attached to an AWS::Serverless::Api or AWS::ApiGateway::RestApi, and integration URIs
// that name their function through a stage variable.
// Docs: aws-resource-apigateway-stage.html; stage-variables.html;
// SAM: `!Ref MyApi.Deployment` names the generated deployment (sam-specification-generated-resources-api.html).

function templateFile(body: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-stages-'));
  const file = path.join(dir, 'template.yaml');
  writeFileSync(file, body);
  return file;
}

const header = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: .
      Events:
        Get:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /items
            Method: get
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: one
      OpenApiVersion: '3.0.1'
`;

describe('AWS::ApiGateway::Stage', () => {
  it('keeps a stage-variable URI in the model instead of a function', async () => {
    const model = await loadSamTemplate(fixtureTemplate('stage-variables'));
    const api = model.restApis.find((a) => a.logicalId === 'FnApi');
    const proxy = api?.resources.find((r) => r.path === '/proxy')?.methods[0]?.integration;
    expect(proxy).toMatchObject({
      type: 'AWS_PROXY',
      functionUri:
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the URI keeps the stage variable as written
        'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations',
    });
    expect(proxy && 'functionLogicalId' in proxy ? proxy.functionLogicalId : undefined).toBeUndefined();
    expect(model.functions.map((f) => f.logicalId).sort()).toEqual(['FunctionOne', 'FunctionTwo', 'PlainThree']);
  });

  it('rejects a second stage with the name SAM already gave the API', async () => {
    const file = templateFile(`${header}  Again:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref Api.Deployment
      StageName: one
`);
    await expect(loadSamTemplate(file)).rejects.toThrow(/Api already has a stage named one/);
  });

  it('explains that Fn::Sub needs the escaped spelling for a stage variable', async () => {
    const file = templateFile(`${header}      DefinitionBody:
        openapi: '3.0.1'
        info: { title: t, version: '1' }
        paths:
          /other:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${stageVariables.fn}/invocations'
`);
    await expect(loadSamTemplate(file)).rejects.toThrow(/write \$\{!stageVariables\.fn\}/);
  });
});
