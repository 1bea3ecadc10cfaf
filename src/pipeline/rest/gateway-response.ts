/**
 * Phase: gateway response. Whenever API Gateway answers by itself, the client gets the gateway response
 * of that type: its default status and the body `{"message":$context.error.messageString}`, plus the
 * `x-amzn-ErrorType` header. Customised gateway responses come with non-proxy support.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
import { failures } from '../../failures/catalogue.js';
import type { GatewayError } from '../../failures/gateway-error.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { InvocationContext } from '../context.js';
import type { GatewayResponse } from '../http-message.js';
import { finalizeResponse } from './response-headers.js';

export function renderGatewayResponse(error: GatewayError, identity: RequestIdentity, ctx: InvocationContext): GatewayResponse {
  const spec = failures[error.code];
  const headers: [string, string][] = [];
  if ('errorType' in spec) headers.push(['x-amzn-ErrorType', spec.errorType]);
  const response = finalizeResponse(
    {
      status: spec.status,
      headers,
      body: Buffer.from(spec.body, 'utf8'),
      // Recorded: gateway-made answers (403, 500, 502) carry no X-Amzn-Trace-Id (docs/research/aws-recorded-responses.md).
      withTraceId: false,
    },
    identity,
    ctx,
  );
  ctx.note(`Method completed with status: ${response.status}`);
  return response;
}
