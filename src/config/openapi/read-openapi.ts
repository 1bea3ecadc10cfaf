/**
 * An OpenAPI 3 or Swagger 2 definition with API Gateway's extensions → the parts of a RestApi it defines.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */
import type {
  GatewayResponseSpec,
  HttpMethod,
  IgnoredResource,
  Method,
  ModelSpec,
  RestAuthorizer,
  SourceRef,
} from '../../model/index.js';
import { validatePath } from '../sam/read-api-event.js';
import type { MapNode, TemplateNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';
import {
  buildIntegration,
  type FunctionFor,
  type IntegrationFields,
  type IntegrationResponseFields,
} from './build-integration.js';
import { asBoolean, asInteger, asMap, asString, asStringList, asStringMap, plainValue } from './node-values.js';
import { operationAuthorization, readOpenApiSecurity } from './read-openapi-authorizers.js';
import { readOperationRules, type ValidatorTable } from './read-operation-rules.js';

export interface DeclaredMethod {
  readonly path: string;
  readonly pathSource: SourceRef;
  readonly method: Method;
}

export interface OpenApiReading {
  readonly title?: string;
  readonly methods: DeclaredMethod[];
  readonly binaryMediaTypes?: { readonly types: string[]; readonly ref: SourceRef };
  readonly gatewayResponses: GatewayResponseSpec[];
  readonly models: ModelSpec[];
  readonly apiKeySourceType?: 'HEADER' | 'AUTHORIZER';
  readonly minimumCompressionSize?: number;
  /** Security schemes with x-amazon-apigateway-authorizer (read-openapi-authorizers.ts). */
  readonly authorizers: RestAuthorizer[];
  readonly ignored: IgnoredResource[];
}

const operationKeys: Readonly<Record<string, HttpMethod>> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

export function readOpenApi(root: MapNode, apiLogicalId: string, functionFor: FunctionFor): OpenApiReading {
  const version = asString(root.entries.get('openapi') ?? root.entries.get('swagger'), 'openapi');
  if (version === undefined) {
    throw new TemplateError(
      root.ref,
      'an API definition needs `openapi: 3.0.1` (OpenAPI 3) or `swagger: "2.0"` (Swagger 2) at its top',
    );
  }
  const ignored: IgnoredResource[] = [];
  const models = readModels(root);
  const validators = readValidators(root);
  const methods: DeclaredMethod[] = [];
  const security = readOpenApiSecurity(root, functionFor);
  const paths = asMap(root.entries.get('paths'), 'paths');
  for (const [path, item] of paths?.entries ?? []) {
    validatePath(path, item.ref);
    const pathItem = asMap(item, `paths.${path}`);
    if (pathItem === undefined) continue;
    for (const [key, operation] of pathItem.entries) {
      const httpMethod = operationKeys[key.toLowerCase()];
      if (httpMethod === undefined) continue;
      const op = asMap(operation, `${path} ${key}`);
      if (op === undefined) continue;
      const integrationNode = asMap(op.entries.get('x-amazon-apigateway-integration'), 'x-amazon-apigateway-integration');
      if (integrationNode === undefined) {
        ignored.push({
          logicalId: `${apiLogicalId} ${httpMethod} ${path}`,
          type: 'OpenAPI operation',
          reason: 'has no x-amazon-apigateway-integration, so API Gateway would not import it',
          source: op.ref,
        });
        continue;
      }
      const integration = buildIntegration(integrationFields(integrationNode), functionFor);
      const rules = readOperationRules({ root, pathItem, operation: op, validators, models });
      methods.push({
        path,
        pathSource: item.ref,
        method: {
          httpMethod,
          integration,
          methodResponses: rules.methodResponses,
          ...(rules.requestRules ? { requestRules: rules.requestRules } : {}),
          ...authorizationOf(op),
          source: op.ref,
        },
      });
    }
  }
  const binary = root.entries.get('x-amazon-apigateway-binary-media-types');
  const keySource = asString(root.entries.get('x-amazon-apigateway-api-key-source'), 'x-amazon-apigateway-api-key-source');
  if (keySource !== undefined && keySource !== 'HEADER' && keySource !== 'AUTHORIZER') {
    throw new TemplateError(
      root.entries.get('x-amazon-apigateway-api-key-source')?.ref ?? root.ref,
      `must be HEADER or AUTHORIZER, got ${keySource}`,
    );
  }
  const compression = asInteger(
    root.entries.get('x-amazon-apigateway-minimum-compression-size'),
    'x-amazon-apigateway-minimum-compression-size',
    0,
    10485760,
  );
  const title = asString(asMap(root.entries.get('info'), 'info')?.entries.get('title'), 'info.title');
  return {
    ...(title === undefined ? {} : { title }),
    methods,
    ...(binary === undefined
      ? {}
      : { binaryMediaTypes: { types: asStringList(binary, 'x-amazon-apigateway-binary-media-types') ?? [], ref: binary.ref } }),
    gatewayResponses: readGatewayResponses(root.entries.get('x-amazon-apigateway-gateway-responses')),
    models,
    ...(keySource === undefined ? {} : { apiKeySourceType: keySource }),
    ...(compression === undefined ? {} : { minimumCompressionSize: compression }),
    authorizers: security.authorizers,
    ignored,
  };

  function authorizationOf(op: MapNode): { authorization?: NonNullable<Method['authorization']> } {
    const authorization = operationAuthorization(op, security);
    return authorization === undefined ? {} : { authorization };
  }
}

function integrationFields(node: MapNode): IntegrationFields {
  const get = (key: string) => node.entries.get(key);
  const responses: IntegrationResponseFields[] = [];
  for (const [pattern, value] of asMap(get('responses'), 'responses')?.entries ?? []) {
    const response = asMap(value, `responses.${pattern}`);
    if (response === undefined) continue;
    const handling = asString(response.entries.get('contentHandling'), 'contentHandling');
    responses.push({
      statusCode: asString(response.entries.get('statusCode'), 'statusCode') ?? '200',
      ...(pattern === 'default' ? {} : { selectionPattern: pattern }),
      selectionPatternRef: value.ref,
      responseParameters: asStringMap(response.entries.get('responseParameters'), 'responseParameters'),
      responseTemplates: asStringMap(response.entries.get('responseTemplates'), 'responseTemplates'),
      ...(handling === undefined
        ? {}
        : { contentHandling: { value: handling, ref: response.entries.get('contentHandling')?.ref ?? value.ref } }),
      source: value.ref,
    });
  }
  const passthrough = asString(get('passthroughBehavior'), 'passthroughBehavior');
  const handling = asString(get('contentHandling'), 'contentHandling');
  const httpMethod = asString(get('httpMethod'), 'httpMethod');
  const uri = asString(get('uri'), 'uri');
  const timeout = asInteger(get('timeoutInMillis'), 'timeoutInMillis', 50, 29000);
  return {
    type: asString(get('type'), 'type') ?? '',
    typeRef: get('type')?.ref ?? node.ref,
    ...(httpMethod === undefined ? {} : { httpMethod }),
    ...(uri === undefined ? {} : { uri }),
    uriRef: get('uri')?.ref ?? node.ref,
    requestTemplates: asStringMap(get('requestTemplates'), 'requestTemplates'),
    ...(passthrough === undefined
      ? {}
      : { passthroughBehavior: { value: passthrough, ref: get('passthroughBehavior')?.ref ?? node.ref } }),
    ...(handling === undefined ? {} : { contentHandling: { value: handling, ref: get('contentHandling')?.ref ?? node.ref } }),
    requestParameters: asStringMap(get('requestParameters'), 'requestParameters'),
    responses,
    ...(timeout === undefined ? {} : { timeoutInMillis: timeout }),
    source: node.ref,
  };
}

function readGatewayResponses(node: TemplateNode | undefined): GatewayResponseSpec[] {
  const map = asMap(node, 'x-amazon-apigateway-gateway-responses');
  return [...(map?.entries ?? [])].map(([responseType, value]) => {
    const response = asMap(value, responseType);
    const status = asInteger(response?.entries.get('statusCode'), 'statusCode', 100, 599);
    return {
      responseType,
      ...(status === undefined ? {} : { statusCode: status }),
      responseParameters: Object.fromEntries(
        asStringMap(response?.entries.get('responseParameters'), 'responseParameters').map((p) => [p.key, p.value]),
      ),
      responseTemplates: asStringMap(response?.entries.get('responseTemplates'), 'responseTemplates').map((t) => ({
        contentType: t.key,
        template: t.value,
        source: t.ref,
      })),
      source: value.ref,
    };
  });
}

/** Swagger 2 `definitions` / OpenAPI 3 `components.schemas` → models (content type application/json). */
function readModels(root: MapNode): ModelSpec[] {
  const swagger = asMap(root.entries.get('definitions'), 'definitions');
  const openapi = asMap(asMap(root.entries.get('components'), 'components')?.entries.get('schemas'), 'components.schemas');
  return [...((swagger ?? openapi)?.entries ?? [])].map(([name, schema]) => ({
    name,
    contentType: 'application/json',
    schema: plainValue(schema),
    source: schema.ref,
  }));
}

function readValidators(root: MapNode): ValidatorTable {
  const table = asMap(root.entries.get('x-amazon-apigateway-request-validators'), 'x-amazon-apigateway-request-validators');
  const validators = new Map(
    [...(table?.entries ?? [])].map(([name, node]) => {
      const map = asMap(node, name);
      return [
        name,
        {
          name,
          validateRequestBody: asBoolean(map?.entries.get('validateRequestBody'), 'validateRequestBody') ?? false,
          validateRequestParameters:
            asBoolean(map?.entries.get('validateRequestParameters'), 'validateRequestParameters') ?? false,
          source: node.ref,
        },
      ] as const;
    }),
  );
  const defaultNode = root.entries.get('x-amazon-apigateway-request-validator');
  const defaultName = asString(defaultNode, 'x-amazon-apigateway-request-validator');
  return { validators, ...(defaultName === undefined ? {} : { defaultName, defaultRef: defaultNode?.ref ?? root.ref }) };
}
