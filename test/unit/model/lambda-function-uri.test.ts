import { describe, expect, it } from 'vitest';
import { describeStageVariables, resolveFunctionUri } from '../../../src/model/lambda-function-uri.js';

// Docs: stage-variables.html: a stage variable may stand for the function name, a qualifier, or the whole ARN.
/** `${stageVariables.name}`, as written in an integration URI. */
const sv = (name: string) => `\${stageVariables.${name}}`;
const uri = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn}/invocations`;

describe('resolveFunctionUri', () => {
  it.each([
    ['a name in a full ARN', uri(`arn:aws:lambda:us-east-1:123456789012:function:${sv('fn')}`), { fn: 'Two' }, 'Two', undefined],
    [
      'a qualifier',
      uri(`arn:aws:lambda:us-east-1:123456789012:function:${sv('fn')}:${sv('alias')}`),
      { fn: 'Two', alias: 'live' },
      'Two',
      'live',
    ],
    ['the whole ARN', uri(sv('arn')), { arn: 'arn:aws:lambda:us-east-1:123456789012:function:Three' }, 'Three', undefined],
    ['a bare function name', uri(sv('fn')), { fn: 'Four' }, 'Four', undefined],
  ])('reads %s', (_what, template, variables, functionName, qualifier) => {
    // Act
    const resolved = resolveFunctionUri(template, variables);
    // Assess
    expect(resolved.functionName).toBe(functionName);
    expect(resolved.qualifier).toBe(qualifier);
  });

  it('names the variable a stage does not set', () => {
    const resolved = resolveFunctionUri(uri(`arn:aws:lambda:us-east-1:123456789012:function:${sv('fn')}`), {});
    expect(resolved.functionName).toBeUndefined();
    expect(describeStageVariables(resolved, 'dev')).toBe('stageVariables.fn is not set in stage dev');
  });
});
