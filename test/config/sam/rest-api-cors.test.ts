import { describe, expect, it } from 'vitest';
import { readSamTemplate } from '../../../src/config/index.js';
import type { Method, MockIntegration } from '../../../src/model/index.js';

// SAM Cors, AddDefaultAuthorizerToCorsPreflight, AddApiKeyRequiredToCorsPreflight and GatewayResponses of
// AWS::Serverless::Api. samtranslator: swagger/swagger.py add_cors and set_path_default_authorizer /
// set_path_default_apikey_required; model/apigateway.py ApiGatewayResponse; api_generator.py _add_cors.
function template(api: string, extra = ''): string {
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
${api}
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: a.handler, CodeUri: src/ }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      Events:
        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: '/items/{id}', Method: get } }
        Put: { Type: Api, Properties: { RestApiId: !Ref Api, Path: '/items/{id}', Method: put } }
${extra}`;
}

function load(text: string) {
  return readSamTemplate(text, '/tmp/template.yaml').model;
}

function optionsOf(text: string, path = '/items/{id}'): Method | undefined {
  const api = load(text).restApis[0];
  return api?.resources.find((r) => r.path === path)?.methods.find((m) => m.httpMethod === 'OPTIONS');
}

describe('SAM Cors on AWS::Serverless::Api', () => {
  it('adds a MOCK OPTIONS method to every path with methods, with the response parameters SAM writes', () => {
    const options = optionsOf(
      template(`      Cors:
        AllowOrigin: "'https://example.com'"
        AllowHeaders: "'X-Custom'"
        MaxAge: "'300'"
        AllowCredentials: true`),
    );
    const integration = options?.integration as MockIntegration | undefined;
    expect(integration?.type).toBe('MOCK');
    expect(integration?.requestTemplates[0]?.template).toBe('{\n  "statusCode" : 200\n}\n');
    expect(integration?.responses[0]).toMatchObject({
      statusCode: '200',
      responseParameters: {
        'method.response.header.Access-Control-Allow-Origin': "'https://example.com'",
        'method.response.header.Access-Control-Allow-Headers': "'X-Custom'",
        'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,PUT'",
        'method.response.header.Access-Control-Max-Age': "'300'",
        'method.response.header.Access-Control-Allow-Credentials': "'true'",
      },
    });
    expect(options?.methodResponses?.[0]?.statusCode).toBe('200');
    // Ancestors SAM never put in the definition get nothing.
    expect(optionsOf(template(`      Cors: "'*'"`), '/items')).toBeUndefined();
  });

  it('AllowOrigin defaults to * in the map form; AllowCredentials with * is refused as SAM does', () => {
    const options = optionsOf(
      template(`      Cors:
        AllowMethods: "'GET'"`),
    );
    expect((options?.integration as MockIntegration | undefined)?.responses[0]?.responseParameters).toEqual({
      'method.response.header.Access-Control-Allow-Origin': "'*'",
      'method.response.header.Access-Control-Allow-Methods': "'GET'",
    });
    expect(() =>
      load(
        template(`      Cors:
        AllowCredentials: true`),
      ),
    ).toThrow(/'AllowCredentials' can not be true when 'AllowOrigin' is "'\*'" or not set/);
  });

  it('refuses an unquoted value (API Gateway would reject the mapping expression at deployment)', () => {
    expect(() => load(template(`      Cors: "https://example.com"`))).toThrow(
      /Cors is "https:\/\/example.com".*write a quoted literal: "'https:\/\/example.com'"/,
    );
    expect(() => load(template(`      Cors: { AllowOrigin: "'*'", MaxAge: 600 }`))).toThrow(/Cors.MaxAge is "600"/);
  });

  it('covers the paths of an inline DefinitionBody too', () => {
    const text = template(`      Cors: "'*'"
      DefinitionBody:
        swagger: '2.0'
        info: { title: pets }
        paths:
          /pets:
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' } }`);
    const parameters = (optionsOf(text, '/pets')?.integration as MockIntegration | undefined)?.responses[0]?.responseParameters;
    expect(parameters?.['method.response.header.Access-Control-Allow-Methods']).toBe("'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'");
    expect(optionsOf(text)?.integration.type).toBe('MOCK');
  });

  it('keeps an OPTIONS method the template declares', () => {
    const text = template(
      `      Cors: "'*'"`,
      `        Options: { Type: Api, Properties: { RestApiId: !Ref Api, Path: '/items/{id}', Method: options } }`,
    );
    expect(optionsOf(text)?.integration.type).toBe('AWS_PROXY');
  });

  it('the preflight gets the DefaultAuthorizer and the API key unless Auth says otherwise', () => {
    const auth = (flags: string) => `      Cors: "'*'"
      Auth:
        ApiKeyRequired: true
        DefaultAuthorizer: Tok
${flags}
        Authorizers:
          Tok: { FunctionArn: !GetAtt AuthFn.Arn }`;
    const guarded = optionsOf(template(auth('')));
    expect(guarded?.authorization).toMatchObject({ type: 'CUSTOM', authorizerName: 'Tok' });
    expect(guarded?.apiKeyRequired).toBe(true);
    const open = optionsOf(
      template(
        auth(`        AddDefaultAuthorizerToCorsPreflight: false
        AddApiKeyRequiredToCorsPreflight: false`),
      ),
    );
    expect(open?.authorization).toBeUndefined();
    expect(open?.apiKeyRequired).toBeUndefined();
  });

  it('is no longer listed as not emulated', () => {
    const model = load(template(`      Cors: "'*'"\n      GatewayResponses: { DEFAULT_5XX: { StatusCode: 503 } }`));
    expect(model.ignored.map((i) => i.reason).join('\n')).not.toMatch(/Cors|GatewayResponses/);
  });
});

describe('SAM GatewayResponses on AWS::Serverless::Api', () => {
  it('maps Headers, Paths and QueryStrings to gatewayresponse.* parameters, StatusCode and ResponseTemplates', () => {
    const api = load(
      template(`      GatewayResponses:
        UNAUTHORIZED:
          StatusCode: '401'
          ResponseParameters:
            Headers:
              WWW-Authenticate: "'Bearer'"
              X-Origin: method.request.header.Origin
            QueryStrings:
              q: "'x'"
          ResponseTemplates:
            application/json: '{"message": $context.error.messageString}'`),
    ).restApis[0];
    expect(api?.gatewayResponses).toEqual([
      expect.objectContaining({
        responseType: 'UNAUTHORIZED',
        statusCode: 401,
        responseParameters: {
          'gatewayresponse.header.WWW-Authenticate': "'Bearer'",
          'gatewayresponse.header.X-Origin': 'method.request.header.Origin',
          'gatewayresponse.querystring.q': "'x'",
        },
        responseTemplates: [expect.objectContaining({ contentType: 'application/json' })],
      }),
    ]);
  });

  it('refuses an unknown response type, a non-numeric StatusCode and an unquoted literal', () => {
    expect(() => load(template(`      GatewayResponses: { DEFAULT_4xx: {} }`))).toThrow(/did you mean DEFAULT_4XX/);
    expect(() => load(template(`      GatewayResponses: { DEFAULT_4XX: { StatusCode: abc } }`))).toThrow(
      /'StatusCode' must be numeric/,
    );
    expect(() =>
      load(template(`      GatewayResponses: { DEFAULT_4XX: { ResponseParameters: { Headers: { X-A: "*" } } } }`)),
    ).toThrow(/write a quoted literal: "'\*'"/);
  });

  it('Cors and GatewayResponses need an inline definition (SAM refuses DefinitionUri)', () => {
    expect(() => load(template(`      DefinitionUri: api.yaml\n      Cors: "'*'"`))).toThrow(
      /Cors works only with inline Swagger specified in 'DefinitionBody' property/,
    );
  });
});
