/**
 * One integration, from either spelling: OpenAPI's `x-amazon-apigateway-integration` (lower-case keys and
 * values: `type: aws`, `passthroughBehavior: when_no_match`, `responses` keyed by selection pattern) or
 * CloudFormation's AWS::ApiGateway::Method Integration (`Type: AWS`, `IntegrationResponses` list).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-method-integration.html
 */
import type {
  ContentHandling,
  Integration,
  IntegrationResponseSpec,
  LambdaFunctionTarget,
  MappingTemplate,
  PassthroughBehavior,
  SourceRef,
} from '../../model/index.js';
import { parseFunctionUri } from '../sam/function-arn.js';
import { TemplateError } from '../template-error.js';
import { compileJavaRegexOrThrow } from './java-regex.js';

export interface IntegrationFields {
  readonly type: string;
  readonly typeRef: SourceRef;
  readonly httpMethod?: string;
  readonly uri?: string;
  readonly uriRef: SourceRef;
  readonly requestTemplates: readonly { key: string; value: string; ref: SourceRef }[];
  readonly passthroughBehavior?: { value: string; ref: SourceRef };
  readonly contentHandling?: { value: string; ref: SourceRef };
  readonly requestParameters: readonly { key: string; value: string; ref: SourceRef }[];
  readonly responses: readonly IntegrationResponseFields[];
  readonly timeoutInMillis?: number;
  readonly source: SourceRef;
}

export interface IntegrationResponseFields {
  readonly statusCode: string;
  readonly selectionPattern?: string;
  readonly selectionPatternRef: SourceRef;
  readonly responseParameters: readonly { key: string; value: string; ref: SourceRef }[];
  readonly responseTemplates: readonly { key: string; value: string; ref: SourceRef }[];
  readonly contentHandling?: { value: string; ref: SourceRef };
  readonly source: SourceRef;
}

/** The logical id of the local function a Lambda URI names. */
export type FunctionFor = (uri: string, at: SourceRef) => string;

export function buildIntegration(fields: IntegrationFields, functionFor: FunctionFor): Integration {
  const type = fields.type.toUpperCase();
  const timeoutInMillis = fields.timeoutInMillis ?? 29000;
  const requestParameters = Object.fromEntries(fields.requestParameters.map((p) => [p.key, p.value]));
  switch (type) {
    case 'AWS_PROXY':
      return {
        type: 'AWS_PROXY',
        ...lambdaTarget(requiredUri(fields), fields.uriRef, functionFor),
        timeoutInMillis,
        source: fields.source,
      };
    case 'HTTP_PROXY':
      return {
        type: 'HTTP_PROXY',
        httpMethod: (fields.httpMethod ?? 'ANY').toUpperCase(),
        uri: requiredUri(fields),
        requestParameters,
        timeoutInMillis,
        source: fields.source,
      };
    case 'AWS':
    case 'MOCK':
    case 'HTTP': {
      const base = {
        requestTemplates: templates(fields.requestTemplates),
        passthroughBehavior: passthrough(fields.passthroughBehavior),
        ...contentHandlingOf(fields.contentHandling),
        requestParameters,
        responses: fields.responses.map(integrationResponse),
        timeoutInMillis,
        source: fields.source,
      };
      if (type === 'MOCK') return { type: 'MOCK', ...base };
      if (type === 'HTTP')
        return { type: 'HTTP', httpMethod: (fields.httpMethod ?? 'GET').toUpperCase(), uri: requiredUri(fields), ...base };
      const uri = requiredUri(fields);
      if (!/:lambda:path\//.test(uri)) {
        throw new TemplateError(
          fields.uriRef,
          `type AWS integrations are emulated for Lambda only (uri arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations), got ${uri}`,
        );
      }
      return { type: 'AWS', ...lambdaTarget(uri, fields.uriRef, functionFor), ...base };
    }
    default:
      throw new TemplateError(
        fields.typeRef,
        `integration type must be aws, aws_proxy, http, http_proxy or mock, got ${JSON.stringify(fields.type)}`,
      );
  }
}

const stageVariablePlaceholder = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/**
 * A static URI is mapped to its function now; a URI with `${stageVariables.x}` is kept and resolved per request.
 * AWS: "Lambda function name ... ${stageVariables.functionName}", also as a qualifier (`:${stageVariables.alias}`)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html).
 */
function lambdaTarget(uri: string, at: SourceRef, functionFor: FunctionFor): LambdaFunctionTarget {
  if (!new RegExp(stageVariablePlaceholder.source).test(uri)) return { functionLogicalId: functionFor(uri, at) };
  if (!/:lambda:path\//.test(uri) && parseFunctionUri(uri.replace(stageVariablePlaceholder, 'x')) === undefined) {
    throw new TemplateError(
      at,
      `${JSON.stringify(uri)} is not a Lambda invocation URI; write e.g. arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:{account}:function:\${stageVariables.fn}/invocations`,
    );
  }
  return { functionUri: uri };
}

function requiredUri(fields: IntegrationFields): string {
  if (fields.uri === undefined || fields.uri === '')
    throw new TemplateError(fields.source, `a ${fields.type} integration needs a uri`);
  return fields.uri;
}

function templates(list: IntegrationFields['requestTemplates']): MappingTemplate[] {
  return list.map(({ key, value, ref }) => ({ contentType: key, template: value, source: ref }));
}

function passthrough(field: IntegrationFields['passthroughBehavior']): PassthroughBehavior {
  if (field === undefined) return 'WHEN_NO_MATCH';
  const value = field.value.toUpperCase();
  if (value === 'WHEN_NO_MATCH' || value === 'WHEN_NO_TEMPLATES' || value === 'NEVER') return value;
  throw new TemplateError(
    field.ref,
    `passthroughBehavior must be when_no_match, when_no_templates or never, got ${JSON.stringify(field.value)}`,
  );
}

function contentHandlingOf(field: { value: string; ref: SourceRef } | undefined): { contentHandling?: ContentHandling } {
  if (field === undefined) return {};
  const value = field.value.toUpperCase();
  if (value === 'CONVERT_TO_TEXT' || value === 'CONVERT_TO_BINARY') return { contentHandling: value };
  throw new TemplateError(
    field.ref,
    `contentHandling must be CONVERT_TO_TEXT or CONVERT_TO_BINARY, got ${JSON.stringify(field.value)}`,
  );
}

function integrationResponse(fields: IntegrationResponseFields): IntegrationResponseSpec {
  if (fields.selectionPattern !== undefined && fields.selectionPattern !== '') {
    compileJavaRegexOrThrow(fields.selectionPattern, fields.selectionPatternRef);
  }
  return {
    statusCode: fields.statusCode,
    ...(fields.selectionPattern === undefined || fields.selectionPattern === ''
      ? {}
      : { selectionPattern: fields.selectionPattern }),
    responseParameters: Object.fromEntries(fields.responseParameters.map((p) => [p.key, p.value])),
    responseTemplates: templates(fields.responseTemplates),
    ...contentHandlingOf(fields.contentHandling),
    source: fields.source,
  };
}
