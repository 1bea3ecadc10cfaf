import { describe, expect, it } from 'vitest';
import { evaluatePolicy, methodArnOf, PolicyParseError, parsePolicyDocument } from '../../src/auth/policy/evaluate-policy.js';

// IAM policy evaluation of Lambda authorizer output against the method ARN. Documented: ARN format
// (api-gateway-lambda-authorizer-output.html), explicit Deny > Allow > implicit deny and the * / ? wildcards
// (IAM reference_policies_evaluation-logic.html, reference_policies_elements_resource.html).
const arn = methodArnOf({
  region: 'us-east-1',
  accountId: '123456789012',
  apiId: 'abcdef1234',
  stage: 'dev',
  method: 'GET',
  path: '/items/42',
});
const statement = (Effect: string, Resource: string | string[], extra: Record<string, unknown> = {}) => ({
  Effect,
  Action: 'execute-api:Invoke',
  Resource,
  ...extra,
});

describe('authorizer policy evaluation', () => {
  it('builds the method ARN from region, account, API id, stage, method and path', () => {
    expect(arn).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/items/42');
  });

  it.each([
    ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/items/42', 'Allow'],
    ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*', 'Allow'],
    ['arn:aws:execute-api:*:*:abcdef1234/dev/*/items/*', 'Allow'],
    ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/items/4?', 'Allow'],
    ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/items/?', 'ImplicitDeny'],
    ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*', 'ImplicitDeny'],
    ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/POST/*', 'ImplicitDeny'],
  ])('Allow %s → %s', (resource, effect) => {
    expect(evaluatePolicy(parsePolicyDocument({ Statement: [statement('Allow', resource)] }), arn).effect).toBe(effect);
  });

  it('lets an explicit Deny win whatever the statement order', () => {
    const policy = parsePolicyDocument({ Statement: [statement('Deny', '*'), statement('Allow', '*')] });
    const decision = evaluatePolicy(policy, arn);
    expect(decision.effect).toBe('ExplicitDeny');
  });

  it('matches Action case-insensitively and with wildcards, and honours NotResource', () => {
    const policy = parsePolicyDocument({
      Statement: [{ Effect: 'Allow', Action: 'Execute-API:*', NotResource: 'arn:aws:execute-api:*:*:*/dev/POST/*' }],
    });
    expect(evaluatePolicy(policy, arn).effect).toBe('Allow');
  });

  it('does not evaluate Condition blocks: such a statement does not apply (named in the explanation)', () => {
    const policy = parsePolicyDocument({
      Statement: [statement('Allow', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })],
    });
    expect(evaluatePolicy(policy, arn)).toEqual({ effect: 'ImplicitDeny', skippedConditions: 1 });
  });

  it('refuses a policy without Statement or with an Effect other than Allow/Deny', () => {
    expect(() => parsePolicyDocument({})).toThrow(PolicyParseError);
    expect(() => parsePolicyDocument({ Statement: [statement('allow', '*')] })).toThrow(/Effect must be/);
  });
});
