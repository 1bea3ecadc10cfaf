/**
 * The IAM policy a Lambda authorizer returns, evaluated against the method ARN as API Gateway does.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * Documented: a statement applies when its Action matches `execute-api:Invoke` and its Resource matches the
 * method ARN `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{resource path}`; `*` matches any run
 * of characters (slashes included) and `?` one character (IAM's wildcards); an explicit Deny wins over any Allow;
 * no matching Allow is an implicit deny. The two 403 messages differ ("... with an explicit deny"),
 * documented in https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer.
 * Not evaluated (named in the explanation): Condition blocks; a statement with one is skipped.
 */

export interface PolicyStatement {
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly hasCondition: boolean;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

export type PolicyDecision =
  | { readonly effect: 'Allow'; readonly statement: PolicyStatement }
  | { readonly effect: 'ExplicitDeny'; readonly statement: PolicyStatement }
  | { readonly effect: 'ImplicitDeny'; readonly skippedConditions: number };

/** Thrown for a policyDocument API Gateway cannot parse ("Could not parse policy"). */
export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';
}

export function parsePolicyDocument(raw: unknown): PolicyDocument {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PolicyParseError(`policyDocument must be an object, got ${describe(raw)}`);
  }
  const statementNode = (raw as Record<string, unknown>).Statement;
  if (statementNode === undefined) throw new PolicyParseError('policyDocument has no Statement');
  const list = Array.isArray(statementNode) ? statementNode : [statementNode];
  const statements = list.map((node, index) => parseStatement(node, index));
  return { statements };
}

function parseStatement(node: unknown, index: number): PolicyStatement {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new PolicyParseError(`Statement[${index}] must be an object, got ${describe(node)}`);
  }
  const s = node as Record<string, unknown>;
  const effect = s.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyParseError(`Statement[${index}].Effect must be "Allow" or "Deny", got ${describe(effect)}`);
  }
  const actions = stringList(s.Action, `Statement[${index}].Action`);
  const notActions = stringList(s.NotAction, `Statement[${index}].NotAction`);
  const resources = stringList(s.Resource, `Statement[${index}].Resource`);
  const notResources = stringList(s.NotResource, `Statement[${index}].NotResource`);
  if (actions.length === 0 && notActions.length === 0) throw new PolicyParseError(`Statement[${index}] has no Action`);
  if (resources.length === 0 && notResources.length === 0) throw new PolicyParseError(`Statement[${index}] has no Resource`);
  return { index, effect, actions, notActions, resources, notResources, hasCondition: s.Condition !== undefined };
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  for (const item of list)
    if (typeof item !== 'string') throw new PolicyParseError(`${what} must be a string or a list of strings`);
  return list as string[];
}

const INVOKE = 'execute-api:Invoke';

/** Explicit Deny first, then Allow, else implicit deny (IAM evaluation logic, documented). */
export function evaluatePolicy(policy: PolicyDocument, methodArn: string): PolicyDecision {
  let skippedConditions = 0;
  const applicable = policy.statements.filter((statement) => {
    if (!statementMatches(statement, methodArn)) return false;
    if (statement.hasCondition) {
      skippedConditions += 1;
      return false;
    }
    return true;
  });
  const deny = applicable.find((s) => s.effect === 'Deny');
  if (deny) return { effect: 'ExplicitDeny', statement: deny };
  const allow = applicable.find((s) => s.effect === 'Allow');
  if (allow) return { effect: 'Allow', statement: allow };
  return { effect: 'ImplicitDeny', skippedConditions };
}

function statementMatches(statement: PolicyStatement, methodArn: string): boolean {
  const actionOk =
    statement.actions.length > 0
      ? statement.actions.some((a) => matchesWildcard(a, INVOKE, true))
      : !statement.notActions.some((a) => matchesWildcard(a, INVOKE, true));
  if (!actionOk) return false;
  return statement.resources.length > 0
    ? statement.resources.some((r) => matchesWildcard(r, methodArn, false))
    : !statement.notResources.some((r) => matchesWildcard(r, methodArn, false));
}

/**
 * IAM wildcard matching: `*` any run of characters (also `/` and `:`), `?` exactly one character.
 * Action names are case-insensitive, resource ARNs case-sensitive (IAM reference, documented).
 */
export function matchesWildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path without leading slash}` (documented). */
export function methodArnOf(parts: {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  method: string;
  path: string;
}): string {
  return `arn:aws:execute-api:${parts.region}:${parts.accountId}:${parts.apiId}/${parts.stage}/${parts.method}/${parts.path.replace(/^\//, '')}`;
}

export function describeStatement(statement: PolicyStatement): string {
  const resource = statement.resources.length > 0 ? statement.resources : statement.notResources.map((r) => `NOT ${r}`);
  return `Statement[${statement.index}] ${statement.effect} ${resource.join(', ')}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}
