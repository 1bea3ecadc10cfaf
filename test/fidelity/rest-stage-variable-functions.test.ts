import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// Stage variables choosing the Lambda function of a REST integration, in several stages of one API.
// Docs: https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html
//   ("Lambda function name ... ${stageVariables.functionName}", also as an alias `:${stageVariables.alias}`),
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html
// Stages: SAM StageName plus AWS::ApiGateway::Stage resources,
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html
// Divergence: gatehouse runs the template's code for every version or alias a qualifier names.
const fx = useFixtureGateway('stage-variables');

const json = (res: { json(): unknown }) => res.json() as { fn: string; stage?: string; input?: unknown };

describe('REST stages from SAM and AWS::ApiGateway::Stage', () => {
  it('lists every stage of each API with its variables and settings', () => {
    const fnApi = fx.gateway.model.restApis.find((api) => api.logicalId === 'FnApi');
    expect(fnApi?.stages.map((s) => s.name)).toEqual(['one', 'two']);
    expect(fnApi?.stages[0]?.variables).toEqual({ fn: 'FunctionOne', missingFn: 'DoesNotExist' });
    expect(fnApi?.stages[1]).toMatchObject({
      variables: { fn: 'two-function', missingFn: 'nope' },
      cacheClusterEnabled: true,
      methodSettings: [{ resourcePath: '/*', httpMethod: '*', throttlingBurstLimit: 50, throttlingRateLimit: 100 }],
    });
    const plain = fx.gateway.model.restApis.find((api) => api.logicalId === 'PlainApi');
    expect(plain?.stages.map((s) => [s.name, s.variables])).toEqual([
      ['alpha', { fn: 'FunctionOne', alias: 'live' }],
      ['beta', { fn: 'two-function', alias: '7' }],
      ['gamma', { fn: 'plain-three', alias: 'live' }],
    ]);
  });
});

describe('AWS_PROXY: the stage variable fn in the integration URI chooses the function per stage', () => {
  // AWS: the stage's variables are substituted into the URI at run time; `fn` names FunctionOne in stage one
  // (by logical id) and two-function (FunctionName) in stage two.
  it('calls a different function in each stage of the SAM API', async () => {
    const one = await fx.gateway.inject({ path: '/one/proxy' });
    const two = await fx.gateway.inject({ path: '/two/proxy' });
    expect(one.status).toBe(200);
    expect(json(one)).toMatchObject({ fn: 'one', stage: 'one' });
    expect(two.status).toBe(200);
    expect(json(two)).toMatchObject({ fn: 'two', stage: 'two' });
    expect(two.trace.awsLog.join('\n')).toContain('function:two-function/invocations');
  });

  // AWS: a qualifier `:${stageVariables.alias}` selects a version or alias of the function.
  it('resolves a function and alias from stage variables of a plain CloudFormation RestApi', async () => {
    const alpha = await fx.gateway.inject({ path: '/alpha/which' });
    const beta = await fx.gateway.inject({ path: '/beta/which' });
    expect(json(alpha)).toMatchObject({ fn: 'one', stage: 'alpha' });
    expect(json(beta)).toMatchObject({ fn: 'two', stage: 'beta' });
    expect(beta.trace.awsLog.join('\n')).toContain('function:two-function:7/invocations');
  });

  // A plain AWS::Lambda::Function that only a stage variable names is read from the template too.
  it('reaches a plain AWS::Lambda::Function that only a stage variable names', async () => {
    const gamma = await fx.gateway.inject({ path: '/gamma/which' });
    expect(gamma.status).toBe(200);
    expect(json(gamma)).toMatchObject({ fn: 'three', stage: 'gamma' });
  });
});

describe('AWS (non-proxy): the stage variable fn chooses the function per stage', () => {
  it('sends the mapped request to the function the stage names', async () => {
    const request = { method: 'POST', path: '', headers: [['Content-Type', 'application/json']] as [string, string][] };
    const one = await fx.gateway.inject({ ...request, path: '/one/custom', body: '{}' });
    const two = await fx.gateway.inject({ ...request, path: '/two/custom', body: '{}' });
    expect(one.status).toBe(200);
    expect(json(one)).toEqual({ fn: 'one', input: { stage: 'one', fn: 'FunctionOne' } });
    expect(two.status).toBe(200);
    expect(json(two)).toEqual({ fn: 'two', input: { stage: 'two', fn: 'two-function' } });
  });
});

describe('A stage variable naming no function', () => {
  // Inferred, not recorded (src/failures/catalogue.ts LAMBDA_FUNCTION_NOT_FOUND): API Gateway answers 500
  // {"message": "Internal server error"} and logs "Invalid permissions on Lambda function", as for any function
  // it may not invoke (https://repost.aws/knowledge-center/api-gateway-internal-server-error).
  it('answers AWS 500 and names the stage variable and its value in the explanation', async () => {
    const res = await fx.gateway.inject({ path: '/two/missing' });
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"message": "Internal server error"}');
    expect(res.trace.failure?.code).toBe('LAMBDA_FUNCTION_NOT_FOUND');
    expect(res.trace.failure?.detail).toContain('stageVariables.missingFn is "nope" in stage two');
    expect(res.trace.awsLog).toContain('Execution failed due to configuration error: Invalid permissions on Lambda function');
    expect(res.explanation).toContain('stageVariables.missingFn');
    expect(res.trace.lambda).toBeUndefined();
  });
});
