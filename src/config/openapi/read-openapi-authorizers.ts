/**
 * Authorizers of an OpenAPI definition: security schemes with `x-amazon-apigateway-authorizer` (OpenAPI 3
 * components.securitySchemes, Swagger 2 securityDefinitions) and each operation's `security`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
 * Documented: type token | request | cognito_user_pools; authorizerUri (the function), identitySource,
 * identityValidationExpression, authorizerResultTtlInSeconds (default 300), providerARNs; a scheme with
 * `x-amazon-apigateway-authtype: awsSigv4` is IAM authorization; the operation's security entry names the scheme
 * and, for Cognito, its scopes. The root-level `security` applies to operations without their own.
 */
import type { MethodAuthorization, RestAuthorizer } from '../../model/index.js';
import type { MapNode, TemplateNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';
import type { FunctionFor } from './build-integration.js';
import { asInteger, asMap, asString, asStringList } from './node-values.js';

export interface OpenApiSecurity {
  readonly authorizers: RestAuthorizer[];
  /** Scheme name → IAM, or the authorizer it defines. */
  readonly schemes: ReadonlyMap<string, 'AWS_IAM' | RestAuthorizer>;
  readonly rootSecurity: TemplateNode | undefined;
}

export function readOpenApiSecurity(root: MapNode, functionFor: FunctionFor): OpenApiSecurity {
  const components = asMap(root.entries.get('components'), 'components');
  const schemesNode = asMap(
    components?.entries.get('securitySchemes') ?? root.entries.get('securityDefinitions'),
    'securitySchemes',
  );
  const authorizers: RestAuthorizer[] = [];
  const schemes = new Map<string, 'AWS_IAM' | RestAuthorizer>();
  for (const [name, node] of schemesNode?.entries ?? []) {
    const scheme = asMap(node, `securitySchemes.${name}`);
    if (scheme === undefined) continue;
    if (asString(scheme.entries.get('x-amazon-apigateway-authtype'), 'x-amazon-apigateway-authtype') === 'awsSigv4') {
      schemes.set(name, 'AWS_IAM');
      continue;
    }
    const ext = asMap(scheme.entries.get('x-amazon-apigateway-authorizer'), 'x-amazon-apigateway-authorizer');
    if (ext === undefined) continue;
    const authorizer = readAuthorizer(name, scheme, ext, functionFor);
    authorizers.push(authorizer);
    schemes.set(name, authorizer);
  }
  return { authorizers, schemes, rootSecurity: root.entries.get('security') };
}

function readAuthorizer(name: string, scheme: MapNode, ext: MapNode, functionFor: FunctionFor): RestAuthorizer {
  const type = (asString(ext.entries.get('type'), 'type') ?? '').toLowerCase();
  // The header of a token authorizer is the scheme's `name` (in: header); identitySource may say it too.
  const header = asString(scheme.entries.get('name'), 'name') ?? 'Authorization';
  const identitySource = asString(ext.entries.get('identitySource'), 'identitySource');
  const validation = asString(ext.entries.get('identityValidationExpression'), 'identityValidationExpression');
  const ttl = asInteger(ext.entries.get('authorizerResultTtlInSeconds'), 'authorizerResultTtlInSeconds', 0, 3600) ?? 300;
  const validationPart = validation === undefined ? {} : { identityValidationExpression: validation };
  if (type === 'cognito_user_pools') {
    return {
      name,
      type: 'COGNITO_USER_POOLS',
      providerArns: asStringList(ext.entries.get('providerARNs'), 'providerARNs') ?? [],
      identitySource: [identitySource ?? `method.request.header.${header}`],
      ...validationPart,
      source: ext.ref,
    };
  }
  if (type !== 'token' && type !== 'request') {
    throw new TemplateError(
      ext.ref,
      `x-amazon-apigateway-authorizer type must be token, request or cognito_user_pools, got ${JSON.stringify(type)}`,
    );
  }
  const uri = asString(ext.entries.get('authorizerUri'), 'authorizerUri');
  if (uri === undefined) throw new TemplateError(ext.ref, `authorizer ${name} needs authorizerUri (the Lambda invocation URI)`);
  const sources =
    type === 'token'
      ? [identitySource ?? `method.request.header.${header}`]
      : (identitySource ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  return {
    name,
    type: type === 'token' ? 'TOKEN' : 'REQUEST',
    functionLogicalId: functionFor(uri, ext.ref),
    identitySource: sources,
    ...validationPart,
    resultTtlInSeconds: ttl,
    source: ext.ref,
  };
}

/** The operation's `security` (or the root one): the first scheme API Gateway knows decides. */
export function operationAuthorization(operation: MapNode, security: OpenApiSecurity): MethodAuthorization | undefined {
  const node = operation.entries.get('security') ?? security.rootSecurity;
  if (node === undefined || node.kind !== 'seq') return undefined;
  for (const requirement of node.items) {
    if (requirement.kind !== 'map') continue;
    for (const [name, scopesNode] of requirement.entries) {
      const scheme = security.schemes.get(name);
      if (scheme === undefined) continue;
      if (scheme === 'AWS_IAM') return { type: 'AWS_IAM', source: requirement.ref };
      if (scheme.type === 'COGNITO_USER_POOLS') {
        const scopes = asStringList(scopesNode, `security.${name}`) ?? [];
        return { type: 'COGNITO_USER_POOLS', authorizerName: name, authorizationScopes: scopes, source: requirement.ref };
      }
      return { type: 'CUSTOM', authorizerName: name, source: requirement.ref };
    }
  }
  return undefined;
}
