/**
 * The request body of a non-proxy integration: contentHandling first, then the mapping template chosen by
 * Content-Type, or passthrough.
 * AWS (documented, integration-passthrough-behaviors.html; ../shared/aws/api-gateway.md §6.1):
 * - the template is chosen by the request Content-Type; absent Content-Type counts as application/json;
 * - WHEN_NO_MATCH passes the body unmapped when no template matches; WHEN_NO_TEMPLATES passes it only when no
 *   template is defined at all, else 415; NEVER answers 415 whenever no template matches.
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { MappedIntegration, MappingTemplate } from '../../model/integration.js';
import { matchBinaryMediaType } from '../../pipeline/binary/media-type.js';
import type { InvocationContext } from '../../pipeline/context.js';
import { headerValue } from '../../pipeline/http-message.js';
import type { MatchedRoute } from '../../pipeline/rest/route-request.js';
import { findTemplate, MappingTemplateError, renderMappingTemplate } from '../../vtl/mapping-template.js';
import { convertRequestPayload } from './content-handling.js';
import type { MethodRequestValues } from './template-variables.js';

export interface MappedRequestBody {
  readonly bytes: Buffer;
  /** The template that produced the body, or undefined for passthrough. */
  readonly template?: MappingTemplate;
}

export interface MapRequestInput {
  readonly route: MatchedRoute;
  readonly integration: MappedIntegration;
  readonly values: MethodRequestValues;
}

export function mapRequestBody(input: MapRequestInput, ctx: InvocationContext): MappedRequestBody {
  const { route, integration, values } = input;
  const { request } = route.parsed;
  const api = route.deployed.deployment.api;
  const contentType = headerValue(request.headers, 'content-type');
  const binaryType = contentType !== undefined && matchBinaryMediaType(contentType, api.binaryMediaTypes) !== undefined;
  const converted = convertRequestPayload(request.body, binaryType, integration.contentHandling);
  if (!converted.ok) {
    throw new GatewayError(
      'CONTENT_HANDLING_FAILED',
      `the request body is not strict base64, and ${converted.rule} (Content-Type ${contentType ?? 'absent'})`,
      {},
      integration.source,
    );
  }
  const payload = converted.payload;
  const template = findTemplate(integration.requestTemplates, contentType);
  if (template === undefined) {
    const defined = integration.requestTemplates.map((t) => t.contentType);
    const rejects =
      integration.passthroughBehavior === 'NEVER' ||
      (integration.passthroughBehavior === 'WHEN_NO_TEMPLATES' && integration.requestTemplates.length > 0);
    if (rejects) {
      throw new GatewayError(
        'UNSUPPORTED_MEDIA_TYPE',
        `passthroughBehavior is ${integration.passthroughBehavior} and no request template is defined for Content-Type ${contentType ?? '(absent, taken as application/json)'}; templates: [${defined.join(', ')}]`,
        {},
        integration.source,
      );
    }
    if (defined.length > 0) {
      ctx.notice(
        'REQUEST_BODY_PASSED_THROUGH',
        `Content-Type ${contentType ?? '(absent, taken as application/json)'} has no request template (templates: [${defined.join(', ')}]), so the body went to the integration unchanged`,
        integration.source,
      );
    }
    return { bytes: payload.bytes };
  }
  try {
    const rendered = renderMappingTemplate(template, {
      payload: payload.bytes.toString(payload.binary ? 'latin1' : 'utf8'),
      params: values.params,
      context: values.context,
      stageVariables: values.stageVariables,
    });
    if (!rendered.readPayload && request.body.length > 0) {
      ctx.notice(
        'TEMPLATE_DROPPED_BODY',
        `the ${template.contentType} request template does not read the ${request.body.length}-byte request body, so the integration never sees it`,
        template.source,
      );
    }
    return { bytes: Buffer.from(rendered.output, 'utf8'), template };
  } catch (error) {
    if (!(error instanceof MappingTemplateError)) throw error;
    throw new GatewayError('MAPPING_TEMPLATE_FAILED', `request template ${error.message}`, { direction: 'request' }, error.at, {
      cause: error,
    });
  }
}
