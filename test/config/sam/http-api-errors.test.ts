import { describe, expect, it } from 'vitest';
import { loadSamTemplate, TemplateError } from '../../../src/config/index.js';
import { relativeTemplate } from './fixtures.js';

// A broken HTTP API stops with file:line:column, the key path as written, what is wrong and what to write.
const cases: ReadonlyArray<readonly [fixture: string, expected: string]> = [
  [
    'http-duplicate-route.yaml',
    ':21:9 Resources.OtherListFunction.Properties.Events.AlsoList: GET /items on ServerlessHttpApi is already routed to ListFunction by Resources.ListFunction.Properties.Events.List (line 11); each route key may be declared once per API',
  ],
  [
    // AWS (SAM): "Only one of these default paths can exist per API."
    'http-duplicate-default-route.yaml',
    ':18:9 Resources.SecondFunction.Properties.Events.AlsoEverything: $default on ServerlessHttpApi is already routed to FirstFunction by Resources.FirstFunction.Properties.Events.Everything (line 11); each route key may be declared once per API',
  ],
  [
    'http-timeout-too-long.yaml',
    ':16:13 Resources.ItemsFunction.Properties.Events.Get.Properties.TimeoutInMillis: must be a whole number from 50 to 30000 milliseconds, got 30001',
  ],
  [
    'http-timeout-too-short.yaml',
    ':16:13 Resources.ItemsFunction.Properties.Events.Get.Properties.TimeoutInMillis: must be a whole number from 50 to 30000 milliseconds, got 49',
  ],
  [
    // samtranslator: "Property 'Method' is required." (tests/translator/output/error_implicit_http_api_method.json)
    'http-path-without-method.yaml',
    ':13:11 Resources.ItemsFunction.Properties.Events.Get.Properties: Method is required when Path is set; write e.g. Method: get, or leave out both for the $default route',
  ],
  [
    'http-payload-format-version.yaml',
    `:16:13 Resources.ItemsFunction.Properties.Events.Get.Properties.PayloadFormatVersion: PayloadFormatVersion must be '1.0' or '2.0', got "3.0"`,
  ],
  [
    'http-api-id-rest-api.yaml',
    ':18:13 Resources.ItemsFunction.Properties.Events.Get.Properties.ApiId: ApiId refers to RestApi, a AWS::Serverless::Api; write ApiId: !Ref <an AWS::Serverless::HttpApi of this template>',
  ],
  [
    'http-misspelled-api-property.yaml',
    ':9:7 Resources.ItemsApi.Properties.CorsConfig: unknown property CorsConfig of AWS::Serverless::HttpApi; did you mean CorsConfiguration?',
  ],
  [
    'http-misspelled-event-property.yaml',
    ':16:13 Resources.ItemsFunction.Properties.Events.Get.Properties.PayloadFormatVersoin: unknown property PayloadFormatVersoin of an HttpApi event; did you mean PayloadFormatVersion?',
  ],
  [
    'http-cors-credentials-wildcard.yaml',
    ":11:9 Resources.ItemsApi.Properties.CorsConfiguration.AllowCredentials: AllowCredentials cannot be true when AllowOrigins is ['*'] (SAM refuses the template); list the allowed origins",
  ],
  [
    'http-globals-stage-name.yaml',
    ':4:5 Globals.HttpApi.StageName: SAM does not allow StageName in Globals.HttpApi; set it on each resource instead',
  ],
  [
    'v2-integration-without-payload-version.yaml',
    ":16:5 Resources.ItemsIntegration.Properties: PayloadFormatVersion is required for a Lambda integration of an HTTP API created with CloudFormation (only the console picks 2.0 by itself); write e.g. PayloadFormatVersion: '2.0'",
  ],
  [
    'v2-integration-unknown-function.yaml',
    ':19:7 Resources.ItemsIntegration.Properties.IntegrationUri: arn:aws:lambda:us-east-1:123456789012:function:elsewhere calls the function elsewhere, which is no function of this template; gatehouse runs the AWS::Serverless::Function and AWS::Lambda::Function resources of the template only',
  ],
  [
    'v2-lambda-s3-code.yaml',
    ':5:7 Resources.ItemsFunction.Properties.Code: Code is an S3 object; gatehouse runs local code: write Code: <a folder relative to the template>, e.g. Code: ./src (a CDK template in cdk.out names its local folder in aws:asset:path)',
  ],
  [
    'v2-route-key-malformed.yaml',
    ':18:7 Resources.ItemsRoute.Properties.RouteKey: RouteKey must be "METHOD /path" (e.g. "GET /items/{id}") or "$default", got "GET/items"',
  ],
  [
    'v2-misspelled-route-property.yaml',
    ':18:7 Resources.ItemsRoute.Properties.RouteKye: unknown property RouteKye of AWS::ApiGatewayV2::Route; did you mean RouteKey?',
  ],
  [
    'v2-target-not-integration.yaml',
    ':19:7 Resources.ItemsRoute.Properties.Target: Target must be integrations/<id of an AWS::ApiGatewayV2::Integration of this template>, e.g. !Join [/, [integrations, !Ref MyIntegration]], got "integrations/abc1234"',
  ],
];

describe('a broken HTTP API template stops with file, line, key and the fix', () => {
  it.each(cases)('%s', async (fixture, expected) => {
    // Prepare
    const file = relativeTemplate(`errors/${fixture}`);
    // Act
    const error = await loadSamTemplate(file).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    // Assess
    expect(error).toBeInstanceOf(TemplateError);
    expect(String(error)).toBe(`${file}${expected}`);
  });
});
