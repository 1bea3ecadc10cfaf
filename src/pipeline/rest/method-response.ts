/**
 * Phase: method response. For a Lambda proxy result this is where API Gateway decides whether an
 * `isBase64Encoded` body goes to the client as bytes or as base64 text.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/lambda-proxy-binary-media.html
 *
 * AWS (recorded, test_aws_proxy_binary_response; ../shared/aws/api-gateway.md §5.1): the body is decoded
 * only when the FIRST media type of the request's Accept header matches the deployed binaryMediaTypes;
 * the response Content-Type plays no part; otherwise the client receives the base64 text. A body that is
 * not valid base64 is a 500.
 */
import { GatewayError } from '../../failures/gateway-error.js';
import { decodeBase64Strict } from '../binary/base64.js';
import { firstAcceptMediaType, matchBinaryMediaType } from '../binary/media-type.js';
import type { InvocationContext, SyncStage } from '../context.js';
import { formatLogBody, formatLogMap } from '../execution-log.js';
import { type GatewayResponse, headerValue } from '../http-message.js';
import type { IntegrationResponse } from './integration-response.js';
import { finalizeResponse } from './response-headers.js';

export const methodResponse: SyncStage<IntegrationResponse, GatewayResponse> = {
  name: 'method-response',
  run(input, ctx) {
    if (input.kind === 'final') return finalResponse(input, ctx);
    const { proxy } = input;
    const integrationRequest = input.endpointResponse.integrationRequest;
    const { route, identity } = integrationRequest.methodRequest;
    const api = route.deployed.deployment.api;
    const accept = headerValue(route.parsed.request.headers, 'accept');
    let body: Buffer | undefined;
    let decodedBinary = false;
    if (proxy.isBase64Encoded) {
      const first = firstAcceptMediaType(accept);
      const matched = matchBinaryMediaType(first, api.binaryMediaTypes);
      if (matched !== undefined) {
        const decoded = decodeBase64Strict(proxy.body);
        if (!decoded) {
          throw new GatewayError(
            'BASE64_DECODE_FAILED',
            `isBase64Encoded is true and Accept's first type ${first} matches "${matched}", but body ${JSON.stringify(proxy.body.slice(0, 40))}${proxy.body.length > 40 ? '…' : ''} is not valid base64`,
            {},
            integrationRequest.fn.source,
          );
        }
        body = decoded;
        decodedBinary = true;
      } else {
        const why =
          api.binaryMediaTypes.length > 0
            ? `which does not match binaryMediaTypes [${api.binaryMediaTypes.join(', ')}]`
            : 'and the API has no binaryMediaTypes';
        ctx.notice(
          'BASE64_TEXT_INSTEAD_OF_BINARY',
          `isBase64Encoded is true, but ${accept === undefined ? 'the request has no Accept header (taken as application/json)' : `the first media type of Accept (${JSON.stringify(accept)}) is ${first}`}, ${why}, so the client got ${proxy.body.length} bytes of base64 text`,
          api.binaryMediaTypesSource ?? api.source,
        );
      }
    }
    const response = finalizeResponse(
      { status: proxy.statusCode, headers: proxy.headers, body: body ?? Buffer.from(proxy.body, 'utf8'), withTraceId: true },
      identity,
      ctx,
    );
    logCompletion(decodedBinary ? '[Binary Data]' : proxy.body, response, ctx);
    return response;
  },
};

/** A non-proxy or HTTP_PROXY answer, already mapped by the integration response. */
function finalResponse(input: IntegrationResponse & { kind: 'final' }, ctx: InvocationContext): GatewayResponse {
  const { identity } = input.endpointResponse.integrationRequest.methodRequest;
  const response = finalizeResponse(
    { status: input.status, headers: input.headers, body: input.body, withTraceId: input.withTraceId },
    identity,
    ctx,
  );
  logCompletion(input.binary ? '[Binary Data]' : input.body.toString('utf8'), response, ctx);
  return response;
}

function logCompletion(body: string, response: GatewayResponse, ctx: InvocationContext): void {
  ctx.note(`Method response body after transformations: ${formatLogBody(body)}`);
  ctx.note(
    `Method response headers: ${formatLogMap(response.headers.filter(([n]) => n !== 'Date' && n !== 'Connection' && n !== 'Content-Length'))}`,
  );
  ctx.note('Successfully completed execution');
  ctx.note(`Method completed with status: ${response.status}`);
}
