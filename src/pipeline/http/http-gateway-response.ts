/**
 * HTTP APIs' own answers: compact JSON bodies with `content-type: application/json` and `apigw-requestid`,
 * no `x-amzn-ErrorType` (recorded, docs/research/http-api-behaviour.md §4). With CORS configured, the
 * configured CORS headers are added for an allowed origin (recorded on gateway 401s; assumed for the rest).
 */
import { failures } from '../../failures/catalogue.js';
import type { GatewayError } from '../../failures/gateway-error.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { CorsConfiguration } from '../../model/http-api.js';
import type { InvocationContext } from '../context.js';
import type { GatewayRequest, GatewayResponse } from '../http-message.js';
import { applyCors } from './cors.js';
import { finalizeHttpApiResponse } from './http-api-response-headers.js';

export function renderHttpGatewayResponse(
  error: GatewayError,
  request: GatewayRequest,
  cors: CorsConfiguration | undefined,
  identity: RequestIdentity,
  ctx: InvocationContext,
): GatewayResponse {
  const spec = failures[error.code];
  const headers = cors ? applyCors(cors, request, []).headers : [];
  // JWT authorizers name the failed check in www-authenticate (documented, http-api-troubleshooting-jwt.html).
  if (error.fields.wwwAuthenticate !== undefined) headers.push(['www-authenticate', error.fields.wwwAuthenticate]);
  return finalizeHttpApiResponse(
    { status: spec.status, headers, body: Buffer.from(spec.body, 'utf8'), defaultContentType: 'application/json' },
    identity,
    ctx,
  );
}
