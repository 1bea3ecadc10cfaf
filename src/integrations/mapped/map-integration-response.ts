/**
 * A non-proxy integration's answer → the method response: select the integration response, convert the
 * payload (contentHandling), run the response template chosen by Accept, map headers, apply
 * `$context.responseOverride`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { IntegrationResponseSpec, MappedIntegration, MappingTemplate } from '../../model/integration.js';
import type { Method } from '../../model/rest-api.js';
import { firstAcceptMediaType, matchBinaryMediaType } from '../../pipeline/binary/media-type.js';
import type { InvocationContext } from '../../pipeline/context.js';
import { headerValue } from '../../pipeline/http-message.js';
import type { MatchedRoute } from '../../pipeline/rest/route-request.js';
import { javaString } from '../../vtl/java-values.js';
import { MappingTemplateError, renderMappingTemplate, selectResponseTemplate } from '../../vtl/mapping-template.js';
import { convertResponsePayload } from './content-handling.js';
import { mapHeaders } from './parameter-mapping.js';
import { selectIntegrationResponse } from './select-integration-response.js';
import type { MethodRequestValues } from './template-variables.js';

export interface EndpointAnswer {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly functionError?: { readonly errorMessage: string; readonly errorType: string };
}

export interface MappedResponse {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Buffer;
  readonly binary: boolean;
  readonly template?: MappingTemplate;
}

export interface MapResponseInput {
  readonly route: MatchedRoute;
  readonly integration: MappedIntegration;
  readonly values: MethodRequestValues;
  readonly answer: EndpointAnswer;
}

export function mapIntegrationResponse(input: MapResponseInput, ctx: InvocationContext): MappedResponse {
  const { route, integration, values, answer } = input;
  const response = chooseResponse(integration, answer, ctx);
  const api = route.deployed.deployment.api;
  const accept = headerValue(route.parsed.request.headers, 'accept');
  const binaryAccept =
    api.binaryMediaTypes.length > 0 && matchBinaryMediaType(firstAcceptMediaType(accept), api.binaryMediaTypes) !== undefined;
  const upstreamType = headerValue(answer.headers, 'content-type');
  const payloadBinary =
    integration.type === 'HTTP' &&
    upstreamType !== undefined &&
    matchBinaryMediaType(upstreamType, api.binaryMediaTypes) !== undefined;
  const converted = convertResponsePayload({ bytes: answer.body, binary: payloadBinary }, binaryAccept, response.contentHandling);
  if (!converted.ok) {
    throw new GatewayError(
      'CONTENT_HANDLING_FAILED',
      `the integration's ${answer.body.length}-byte result ${JSON.stringify(answer.body.toString('utf8').slice(0, 40))} is not strict base64, and ${converted.rule} (Accept ${accept ?? 'absent'}, binaryMediaTypes [${api.binaryMediaTypes.join(', ')}])`,
      {},
      response.source,
    );
  }
  let { bytes, binary } = converted.payload;
  const template = selectResponseTemplate(response.responseTemplates, accept);
  let contentType = 'application/json';
  if (template !== undefined) {
    if (binary) {
      throw new GatewayError(
        'MAPPING_TEMPLATE_FAILED',
        `response template ${template.contentType}: the payload is binary (${converted.rule}), and a mapping template cannot transform bytes`,
        { direction: 'response' },
        template.source,
      );
    }
    bytes = renderResponseTemplate(template, bytes.toString('utf8'), values, ctx);
    binary = false;
    contentType = template.contentType;
  }
  const sources = {
    methodRequest: { ...values.params, body: route.parsed.request.body.toString('utf8') },
    integrationResponse: { headers: answer.headers, body: answer.body.toString('utf8') },
    context: values.context,
    stageVariables: values.stageVariables,
  };
  const headers: [string, string][] = [
    ['Content-Type', contentType],
    ...mapHeaders(response.responseParameters, 'method.response.header.', sources),
  ];
  const override = values.context.responseOverride as { status?: unknown; header?: Record<string, unknown> } | undefined;
  for (const [name, value] of Object.entries(override?.header ?? {})) headers.push([name, javaString(value)]);
  const overridden = Number(override?.status);
  const status =
    Number.isInteger(overridden) && overridden >= 100 && overridden <= 599 ? overridden : Number(response.statusCode);
  if (status === Number(response.statusCode)) checkMethodResponse(route.method, response);
  return { status, headers: dedupeContentType(headers), body: bytes, binary, ...(template ? { template } : {}) };
}

function chooseResponse(integration: MappedIntegration, answer: EndpointAnswer, ctx: InvocationContext): IntegrationResponseSpec {
  const subject = integration.type === 'AWS' ? answer.functionError?.errorMessage : String(answer.status);
  const selection = selectIntegrationResponse(integration.responses, subject);
  const response = selection.response;
  if (response === undefined) {
    throw new GatewayError(
      'NO_INTEGRATION_RESPONSE',
      `${subject === undefined ? 'the function succeeded' : `${integration.type === 'AWS' ? 'errorMessage' : 'status'} ${JSON.stringify(subject)}`} and no integration response has a matching selectionPattern or is the default; responses: [${integration.responses.map((r) => `${r.statusCode}${r.selectionPattern ? ` /${r.selectionPattern}/` : ' default'}`).join(', ')}]`,
      { status: String(answer.status) },
      integration.source,
    );
  }
  if (selection.alsoMatched.length > 0) {
    ctx.note(
      `Selection patterns ${selection.alsoMatched.map((p) => JSON.stringify(p)).join(', ')} matched as well; ${JSON.stringify(response.selectionPattern)} was defined first`,
    );
  }
  if (answer.functionError !== undefined && response.selectionPattern === undefined) {
    ctx.notice(
      'FUNCTION_ERROR_RETURNED_AS_200',
      `the function failed with ${answer.functionError.errorType}: ${JSON.stringify(answer.functionError.errorMessage)}, which no selectionPattern matches, so the default integration response (${response.statusCode}) answered with Lambda's error document`,
      response.source,
    );
  }
  return response;
}

function renderResponseTemplate(
  template: MappingTemplate,
  payload: string,
  values: MethodRequestValues,
  ctx: InvocationContext,
): Buffer {
  try {
    const rendered = renderMappingTemplate(template, {
      payload,
      params: values.params,
      context: values.context,
      stageVariables: values.stageVariables,
    });
    if (!rendered.readPayload && payload.length > 0) {
      ctx.notice(
        'TEMPLATE_DROPPED_BODY',
        `the ${template.contentType} response template does not read the integration's ${payload.length}-byte result, so the client never sees it`,
        template.source,
      );
    }
    return Buffer.from(rendered.output, 'utf8');
  } catch (error) {
    if (!(error instanceof MappingTemplateError)) throw error;
    throw new GatewayError('MAPPING_TEMPLATE_FAILED', `response template ${error.message}`, { direction: 'response' }, error.at, {
      cause: error,
    });
  }
}

function checkMethodResponse(method: Method, response: IntegrationResponseSpec): void {
  const declared = method.methodResponses;
  if (declared === undefined) return;
  if (declared.some((m) => m.statusCode === response.statusCode)) return;
  throw new GatewayError(
    'INVALID_METHOD_RESPONSE',
    `the integration response maps to status ${response.statusCode}, but the method declares only [${declared.map((m) => m.statusCode).join(', ')}]`,
    { statusCode: response.statusCode },
    response.source,
  );
}

/** A mapped `Content-Type` wins over the template's. */
function dedupeContentType(headers: [string, string][]): [string, string][] {
  const types = headers.filter(([n]) => n.toLowerCase() === 'content-type');
  if (types.length <= 1) return headers;
  const last = types.at(-1) as [string, string];
  return [last, ...headers.filter(([n]) => n.toLowerCase() !== 'content-type')];
}
