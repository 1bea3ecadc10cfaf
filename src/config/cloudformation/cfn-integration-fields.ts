/**
 * AWS::ApiGateway::Method's Integration and MethodResponses in CloudFormation spelling.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-method-integration.html
 */
import type { MethodResponseSpec } from '../../model/index.js';
import type { IntegrationFields, IntegrationResponseFields } from '../openapi/build-integration.js';
import { asInteger, asMap, asString, asStringMap } from '../openapi/node-values.js';
import type { MapNode, TemplateNode } from '../sam/template-node.js';
import { TemplateError } from '../template-error.js';

export function cfnIntegrationFields(node: MapNode): IntegrationFields {
  const get = (key: string) => node.entries.get(key);
  const responses: IntegrationResponseFields[] = [];
  const list = get('IntegrationResponses');
  if (list !== undefined && list.kind !== 'seq') throw new TemplateError(list.ref, 'IntegrationResponses must be a list');
  for (const item of list?.kind === 'seq' ? list.items : []) {
    const response = asMap(item, 'an integration response');
    if (response === undefined) continue;
    const pattern = asString(response.entries.get('SelectionPattern'), 'SelectionPattern');
    const handling = asString(response.entries.get('ContentHandling'), 'ContentHandling');
    responses.push({
      statusCode: asString(response.entries.get('StatusCode'), 'StatusCode') ?? '200',
      ...(pattern === undefined ? {} : { selectionPattern: pattern }),
      selectionPatternRef: response.entries.get('SelectionPattern')?.ref ?? item.ref,
      responseParameters: asStringMap(response.entries.get('ResponseParameters'), 'ResponseParameters'),
      responseTemplates: asStringMap(response.entries.get('ResponseTemplates'), 'ResponseTemplates'),
      ...(handling === undefined
        ? {}
        : { contentHandling: { value: handling, ref: response.entries.get('ContentHandling')?.ref ?? item.ref } }),
      source: item.ref,
    });
  }
  const passthrough = asString(get('PassthroughBehavior'), 'PassthroughBehavior');
  const handling = asString(get('ContentHandling'), 'ContentHandling');
  const httpMethod = asString(get('IntegrationHttpMethod'), 'IntegrationHttpMethod');
  const uri = uriOf(get('Uri'));
  const timeout = asInteger(get('TimeoutInMillis'), 'TimeoutInMillis', 50, 29000);
  return {
    type: asString(get('Type'), 'Type') ?? '',
    typeRef: get('Type')?.ref ?? node.ref,
    ...(httpMethod === undefined ? {} : { httpMethod }),
    ...(uri === undefined ? {} : { uri }),
    uriRef: get('Uri')?.ref ?? node.ref,
    requestTemplates: asStringMap(get('RequestTemplates'), 'RequestTemplates'),
    ...(passthrough === undefined
      ? {}
      : { passthroughBehavior: { value: passthrough, ref: get('PassthroughBehavior')?.ref ?? node.ref } }),
    ...(handling === undefined ? {} : { contentHandling: { value: handling, ref: get('ContentHandling')?.ref ?? node.ref } }),
    requestParameters: asStringMap(get('RequestParameters'), 'RequestParameters'),
    responses,
    ...(timeout === undefined ? {} : { timeoutInMillis: timeout }),
    source: node.ref,
  };
}

function uriOf(node: TemplateNode | undefined): string | undefined {
  if (node?.kind === 'intrinsic') {
    throw new TemplateError(
      node.ref,
      `Uri uses ${node.fn}, which cannot be resolved locally; write the function's ARN with !GetAtt MyFunction.Arn`,
    );
  }
  return asString(node, 'Uri');
}

export function cfnMethodResponses(node: TemplateNode | undefined): MethodResponseSpec[] {
  if (node === undefined) return [];
  if (node.kind !== 'seq') throw new TemplateError(node.ref, 'MethodResponses must be a list');
  return node.items.map((item) => {
    const map = asMap(item, 'a method response');
    const parameters = asMap(map?.entries.get('ResponseParameters'), 'ResponseParameters');
    return {
      statusCode: asString(map?.entries.get('StatusCode'), 'StatusCode') ?? '200',
      responseParameters: Object.fromEntries(
        [...(parameters?.entries ?? [])].map(([key, value]) => [
          key,
          value.kind === 'scalar' && (value.value === true || value.value === 'true'),
        ]),
      ),
      source: item.ref,
    };
  });
}
