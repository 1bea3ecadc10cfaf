/**
 * An OpenAPI operation's method responses and request rules (validator, required parameters, body model).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-validation-set-up.html
 */
import type { MethodRequestRules, MethodResponseSpec, ModelSpec, RequestValidatorSpec, SourceRef } from '../../model/index.js';
import type { MapNode, TemplateNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';
import { asBoolean, asMap, asString } from './node-values.js';

export interface ValidatorTable {
  readonly validators: ReadonlyMap<string, RequestValidatorSpec>;
  readonly defaultName?: string;
  readonly defaultRef?: SourceRef;
}

export interface OperationInput {
  readonly root: MapNode;
  readonly pathItem: MapNode;
  readonly operation: MapNode;
  readonly validators: ValidatorTable;
  readonly models: readonly ModelSpec[];
}

export function readOperationRules(input: OperationInput): {
  methodResponses: MethodResponseSpec[];
  requestRules?: MethodRequestRules;
} {
  const { operation } = input;
  const methodResponses = [...(asMap(operation.entries.get('responses'), 'responses')?.entries ?? [])].map(
    ([statusCode, node]) => {
      const headers = asMap(asMap(node, statusCode)?.entries.get('headers'), 'headers');
      return {
        statusCode,
        responseParameters: Object.fromEntries(
          [...(headers?.entries.keys() ?? [])].map((name) => [`method.response.header.${name}`, false]),
        ),
        source: node.ref,
      };
    },
  );
  const validatorNode = operation.entries.get('x-amazon-apigateway-request-validator');
  const validatorName = asString(validatorNode, 'x-amazon-apigateway-request-validator') ?? input.validators.defaultName;
  let validator: RequestValidatorSpec | undefined;
  if (validatorName !== undefined) {
    validator = input.validators.validators.get(validatorName);
    if (validator === undefined) {
      throw new TemplateError(
        validatorNode?.ref ?? input.validators.defaultRef ?? operation.ref,
        `request validator ${JSON.stringify(validatorName)} is not defined in x-amazon-apigateway-request-validators (defined: ${[...input.validators.validators.keys()].join(', ') || 'none'})`,
      );
    }
  }
  const requestParameters: Record<string, boolean> = {};
  for (const parameter of [...parametersOf(input.pathItem), ...parametersOf(operation)]) {
    const param = asMap(parameter, 'parameter');
    if (param === undefined) continue;
    const where = asString(param.entries.get('in'), 'in');
    const name = asString(param.entries.get('name'), 'name');
    const location = where === 'query' ? 'querystring' : where;
    if (name === undefined || (location !== 'querystring' && location !== 'header' && location !== 'path')) continue;
    requestParameters[`method.request.${location}.${name}`] =
      asBoolean(param.entries.get('required'), 'required') ?? location === 'path';
  }
  const requestModels = readRequestModels(input);
  if (validator === undefined && Object.keys(requestModels).length === 0 && !Object.values(requestParameters).some(Boolean)) {
    return { methodResponses };
  }
  return { methodResponses, requestRules: { ...(validator ? { validator } : {}), requestParameters, requestModels } };
}

function parametersOf(node: MapNode): TemplateNode[] {
  const list = node.entries.get('parameters');
  return list?.kind === 'seq' ? [...list.items] : [];
}

/** Swagger 2: a body parameter's schema; OpenAPI 3: requestBody.content.<type>.schema. Only `$ref`s name a model. */
function readRequestModels(input: OperationInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const parameter of parametersOf(input.operation)) {
    const param = asMap(parameter, 'parameter');
    if (asString(param?.entries.get('in'), 'in') !== 'body') continue;
    const name = modelName(param?.entries.get('schema'), input.models);
    if (name !== undefined) out['application/json'] = name;
  }
  const content = asMap(asMap(input.operation.entries.get('requestBody'), 'requestBody')?.entries.get('content'), 'content');
  for (const [contentType, media] of content?.entries ?? []) {
    const name = modelName(asMap(media, contentType)?.entries.get('schema'), input.models);
    if (name !== undefined) out[contentType] = name;
  }
  return out;
}

function modelName(schema: TemplateNode | undefined, models: readonly ModelSpec[]): string | undefined {
  const ref = asString(asMap(schema, 'schema')?.entries.get('$ref'), '$ref');
  if (ref === undefined || schema === undefined) return undefined;
  const name = ref.split('/').at(-1) ?? '';
  if (!models.some((m) => m.name === name))
    throw new TemplateError(schema.ref, `schema ${ref} names no model of this definition`);
  return name;
}
