import { describe, expect, it } from 'vitest';
import { loadSamTemplate, TemplateError } from '../../../src/config/index.js';
import { relativeTemplate } from './fixtures.js';

// Every broken template stops with file:line:column, the key path as written, what is wrong and what to write.
// The CLI prints toString() and exits 2.
const cases: ReadonlyArray<readonly [fixture: string, expected: string]> = [
  ['timeout-not-a-number.yaml', ':8:7 Resources.ImageFunction.Properties.Timeout: must be a number of seconds, got "ten"'],
  [
    'memory-out-of-range.json',
    ':9:9 Resources.ItemsFunction.Properties.MemorySize: must be a whole number from 128 to 10240 MB, got 64',
  ],
  [
    'misspelled-handler.yaml',
    ':7:7 Resources.ImageFunction.Properties.Handeler: unknown property Handeler of AWS::Serverless::Function; did you mean Handler?',
  ],
  [
    'misspelled-event-property.yaml',
    ':13:13 Resources.ImageFunction.Properties.Events.Get.Properties.Methd: unknown property Methd of an Api event; did you mean Method?',
  ],
  [
    'misspelled-api-property.yaml',
    ':7:7 Resources.ImagesApi.Properties.BinaryMediaType: unknown property BinaryMediaType of AWS::Serverless::Api; did you mean BinaryMediaTypes?',
  ],
  ['missing-handler.yaml', ':5:5 Resources.ItemsFunction.Properties: Handler is required; write e.g. Handler: app.handler'],
  ['missing-stage-name.yaml', ':5:5 Resources.ItemsApi.Properties: StageName is required; write e.g. StageName: Prod'],
  [
    's3-code-uri.yaml',
    ':8:7 Resources.ImageFunction.Properties.CodeUri: CodeUri points to an S3 object; gatehouse runs local code: set CodeUri to a folder relative to the template, e.g. CodeUri: src/',
  ],
  [
    's3-code-uri-string.yaml',
    ':8:7 Resources.ImageFunction.Properties.CodeUri: CodeUri s3://my-bucket/code.zip is an S3 location; gatehouse runs local code: set CodeUri to a folder relative to the template, e.g. CodeUri: src/',
  ],
  [
    'unknown-ref.yaml',
    ':14:11 Resources.ImageFunction.Properties.Environment.Variables.TABLE: Ref TablName refers to no parameter, resource or pseudo parameter; did you mean TableName?',
  ],
  [
    'import-value.yaml',
    ':10:11 Resources.ImageFunction.Properties.Environment.Variables.BUCKET: Fn::ImportValue reads an export of another stack, which gatehouse cannot see; use a Parameter and pass the value with --parameter-overrides',
  ],
  [
    'getatt-not-emulated.yaml',
    ':12:11 Resources.ItemsFunction.Properties.Environment.Variables.TABLE_ARN: GetAtt ItemsTable.Arn cannot be resolved locally: ItemsTable is a AWS::DynamoDB::Table, which gatehouse does not emulate; write the value, or use a Parameter and pass it with --parameter-overrides',
  ],
  [
    'parameter-without-value.yaml',
    ':13:11 Resources.ItemsFunction.Properties.Environment.Variables.TABLE: parameter TableName has no Default and no override; add Default to Parameters.TableName or pass --parameter-overrides TableName=<value>',
  ],
  ['condition-unknown.yaml', ':7:5 Resources.ItemsFunction.Condition: no condition named IsProduction in Conditions'],
  [
    'path-without-slash.yaml',
    ':12:13 Resources.ItemsFunction.Properties.Events.Get.Properties.Path: Path must start with /, got "items"; write /items',
  ],
  [
    'greedy-not-last.yaml',
    ':12:13 Resources.ItemsFunction.Properties.Events.Get.Properties.Path: greedy {proxy+} must be the last segment of the path, got "/files/{proxy+}/meta"',
  ],
  [
    'method-unknown.yaml',
    ':13:13 Resources.ItemsFunction.Properties.Events.Get.Properties.Method: unknown HTTP method "fetch"; use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
  ],
  [
    'timeout-in-millis-too-long.yaml',
    ':14:13 Resources.ItemsFunction.Properties.Events.Get.Properties.TimeoutInMillis: must be a whole number from 50 to 29000 milliseconds, got 30000',
  ],
  [
    'duplicate-route.yaml',
    ':21:9 Resources.OtherListFunction.Properties.Events.AlsoList: GET /items on ServerlessRestApi is already routed to ListFunction by Resources.ListFunction.Properties.Events.List (line 11); each path and method may be declared once',
  ],
  [
    'sibling-variables.yaml',
    ':23:13 Resources.DeleteItem.Properties.Events.Delete.Properties.Path: /items/{itemId} puts {itemId} under /items, where Resources.GetItem.Properties.Events.Get.Properties.Path (line 14) already has {id}; API Gateway allows one variable segment per parent on ServerlessRestApi: use the same name',
  ],
  [
    'rest-api-id-not-ref.yaml',
    ':16:13 Resources.ItemsFunction.Properties.Events.Get.Properties.RestApiId: RestApiId must be a reference, got "ItemsApi"; write RestApiId: !Ref <an AWS::Serverless::Api of this template>',
  ],
  [
    'globals-function-name.yaml',
    ':5:5 Globals.Function.FunctionName: SAM does not allow FunctionName in Globals.Function; set it on each resource instead',
  ],
  [
    'architectures-from-globals-and-function.yaml',
    ":11:7 Resources.ItemsFunction.Properties.Architectures: Architectures must list exactly one of x86_64 or arm64, got [x86_64, arm64] (lists in Globals are added to the function's own list)",
  ],
  [
    'reserved-environment-variable.yaml',
    ':10:11 Resources.ItemsFunction.Properties.Environment.Variables.AWS_REGION: AWS_REGION is reserved by Lambda and cannot be set in Environment.Variables; rename it',
  ],
  [
    'unquoted-braces-in-flow-map.yaml',
    ":11:32 not a valid YAML or JSON template: Unexpected flow-map-start at node end; inside { ... } or [ ... ] quote values containing { } [ ] or , e.g. Path: '/{proxy+}'",
  ],
  ['duplicate-key.yaml', ':8:7 this key is already set earlier in the same map; keep only one'],
  [
    'yaml-syntax.yaml',
    ':7:7 not a valid YAML or JSON template: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
];

describe('a broken template stops with file, line, key and the fix', () => {
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

  it('exposes file, line, column and keyPath as fields', async () => {
    const file = relativeTemplate('errors/timeout-not-a-number.yaml');
    const error = (await loadSamTemplate(file).catch((thrown: unknown) => thrown)) as TemplateError;
    expect({ file: error.file, line: error.line, column: error.column, keyPath: error.keyPath }).toEqual({
      file,
      line: 8,
      column: 7,
      keyPath: 'Resources.ImageFunction.Properties.Timeout',
    });
    expect(error.detail).toBe('must be a number of seconds, got "ten"');
    expect(error.name).toBe('TemplateError');
  });

  it('names a missing file without a line', async () => {
    const error = await loadSamTemplate('test/fixtures/templates/no-such-template.yaml').catch((thrown: unknown) => thrown);
    expect(String(error)).toBe('test/fixtures/templates/no-such-template.yaml cannot read the template: no such file');
  });
});
