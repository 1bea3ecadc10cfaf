/**
 * Phase: integration request for an HTTP API Lambda integration: the payload 2.0 or 1.0 event.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import { buildHttpApiEventV1, buildHttpApiEventV2 } from '../../integrations/lambda-proxy/build-http-api-event.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { FunctionSpec } from '../../model/function-spec.js';
import { textPayload } from '../../runtime/payload-text.js';
import type { SyncStage } from '../context.js';
import { type IntegrationTarget, MAX_LAMBDA_EVENT_BYTES } from '../rest/integration-request.js';
import { httpApiEventInput } from './http-api-event-input.js';
import type { MatchedHttpRoute } from './route-http-request.js';

export interface HttpIntegrationRequest {
  readonly matched: MatchedHttpRoute;
  readonly identity: RequestIdentity;
  readonly fn: FunctionSpec;
  readonly functionArn: string;
  readonly event: Record<string, unknown>;
  readonly eventBytes: Buffer;
}

export function createHttpIntegrationRequest(
  target: IntegrationTarget,
): SyncStage<{ matched: MatchedHttpRoute; identity: RequestIdentity }, HttpIntegrationRequest> {
  return {
    name: 'integration-request',
    run({ matched, identity }, ctx) {
      const { request } = matched.parsed;
      const integration = matched.route.integration;
      const fn = target.functionFor(integration.functionLogicalId);
      if (!fn) {
        throw new GatewayError('HTTP_LAMBDA_FUNCTION_ERROR', `function ${integration.functionLogicalId} is not defined`, {
          errorType: 'ResourceNotFoundException',
          errorMessage: `Function not found: ${integration.functionLogicalId}`,
        });
      }
      const input = httpApiEventInput(matched, request.body);
      const event =
        integration.payloadFormatVersion === '1.0' ? buildHttpApiEventV1(input, identity) : buildHttpApiEventV2(input, identity);
      const eventJson = JSON.stringify(event);
      // A thread environment takes the event as text: it is handed over without decoding these bytes again.
      const eventBytes = textPayload(eventJson);
      ctx.note(
        `payloadFormatVersion ${integration.payloadFormatVersion}, event ${eventBytes.length} bytes for ${fn.functionName}`,
      );
      if (eventBytes.length > MAX_LAMBDA_EVENT_BYTES) {
        throw new GatewayError(
          'HTTP_REQUEST_TOO_LARGE',
          `the payload ${integration.payloadFormatVersion} event is ${eventBytes.length} bytes (body ${request.body.length} bytes${event.isBase64Encoded ? ', base64-encoded' : ''}); Lambda accepts at most ${MAX_LAMBDA_EVENT_BYTES}`,
          {},
          integration.source,
        );
      }
      const functionArn = `arn:aws:lambda:${target.region}:${target.accountId}:function:${fn.functionName}`;
      return { matched, identity, fn, functionArn, event, eventBytes };
    },
  };
}
