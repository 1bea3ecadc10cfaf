import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../../src/config/index.js';
import { templatePath } from './fixtures.js';

// The same template written with short tags (YAML) and long forms (JSON) must give the same model.
// AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
describe.each([
  ['short form (YAML tags)', 'intrinsics-short.yaml'],
  ['long form (JSON Fn::)', 'intrinsics-long.json'],
])('intrinsic functions, %s', (_form, fixture) => {
  const load = (options = {}) => loadSamTemplate(templatePath(fixture), options);
  const environmentOf = async (options = {}) => (await load(options)).functions[0]?.environment;

  it('resolves Ref to pseudo parameters with local defaults', async () => {
    expect(await environmentOf()).toMatchObject({
      REGION: 'us-east-1',
      ACCOUNT: '123456789012',
      PARTITION: 'aws',
      SUFFIX: 'amazonaws.com',
    });
  });

  it('takes region, account and stack name from the options', async () => {
    const model = await load({ region: 'cn-north-1', accountId: '999988887777', stackName: 'shop' });
    expect(model.functions[0]?.functionName).toBe('shop-api-dev');
    expect(model.functions[0]?.environment).toMatchObject({
      REGION: 'cn-north-1',
      ACCOUNT: '999988887777',
      PARTITION: 'aws-cn',
      SUFFIX: 'amazonaws.com.cn',
      SELF_ARN: 'arn:aws-cn:lambda:cn-north-1:999988887777:function:shop-api-dev',
    });
  });

  it('gives a function name for Ref and an ARN for GetAtt .Arn (both GetAtt forms)', async () => {
    expect(await environmentOf()).toMatchObject({
      SELF_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:local-api-dev',
      OTHER_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:WorkerFunction',
      OTHER_NAME: 'WorkerFunction',
    });
  });

  it('gives the logical id for Ref to a resource it does not emulate', async () => {
    expect((await environmentOf())?.TABLE).toBe('ItemsTable');
  });

  it('resolves Join, Select, Split and Base64', async () => {
    expect(await environmentOf()).toMatchObject({
      JOINED: 'x|dev|3',
      FIRST_ORIGIN: 'a.example.com',
      SECOND_PART: 'q',
      ENCODED: 'aGVsbG8=',
    });
  });

  it('resolves Sub with parameters, Res.Attr, the ! escape for a literal and the list form', async () => {
    const model = await load();
    const restApiId = model.restApis[0]?.id;
    expect(model.functions[0]?.environment).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub writes ${!Price} as the literal ${Price}
      LITERAL: 'cost is ${Price} in us-east-1',
      SUB_LIST: 'hello, dev from arn:aws:lambda:us-east-1:123456789012:function:WorkerFunction',
      URL: `https://${restApiId}.execute-api.us-east-1.amazonaws.com/Prod`,
    });
  });

  it('evaluates Conditions (Equals, Not, Or, And, Condition) in If', async () => {
    expect(await environmentOf()).toMatchObject({ MODE: 'development', BOTH: 'yes-both' });
    expect(await environmentOf({ parameterOverrides: { Stage: 'prod' } })).toMatchObject({
      MODE: 'production',
      BOTH: 'no-both',
    });
  });

  it('drops a value set to AWS::NoValue, directly or through If', async () => {
    const model = await load();
    expect(model.functions[0]?.environment).not.toHaveProperty('DROPPED');
    expect(model.functions[0]).not.toHaveProperty('reservedConcurrency');
    const prod = await load({ parameterOverrides: { Stage: 'prod' } });
    expect(prod.functions[0]?.reservedConcurrency).toBe(50);
  });

  it('resolves FindInMap and a Ref to a Number parameter for integer properties', async () => {
    const model = await load();
    expect(model.functions[0]).toMatchObject({ timeoutSeconds: 7, memorySizeMb: 512 });
    const prod = await load({ parameterOverrides: { Stage: 'prod', MemoryMb: '1024' } });
    expect(prod.functions[0]).toMatchObject({ timeoutSeconds: 20, memorySizeMb: 1024 });
  });

  it('leaves out resources whose Condition is false, and lists them as ignored', async () => {
    const model = await load();
    expect(model.functions.map((fn) => fn.logicalId)).toEqual(['ApiFunction', 'WorkerFunction']);
    expect(model.ignored).toContainEqual(
      expect.objectContaining({ logicalId: 'ProdOnlyFunction', reason: 'not created: condition IsProd is false' }),
    );
    const prod = await load({ parameterOverrides: { Stage: 'prod' } });
    expect(prod.functions.map((fn) => fn.logicalId)).toContain('ProdOnlyFunction');
  });

  it('resolves intrinsics in an event Path', async () => {
    const model = await load({ parameterOverrides: { Stage: 'prod' } });
    expect(model.restApis[0]?.resources.map((r) => r.path)).toEqual(['/', '/prod', '/prod/items']);
  });
});
