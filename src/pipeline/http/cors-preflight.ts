/**
 * Phase: CORS preflight. With CorsConfiguration set, an HTTP API answers `OPTIONS` requests carrying
 * `Origin` and `Access-Control-Request-Method` itself, before routing and without calling the integration
 * (documented, http-api-cors.html). Status 204 is our reading (not recorded).
 */
import type { DeployedHttpStage } from '../../deploy/deployment.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { SyncStage } from '../context.js';
import type { GatewayResponse } from '../http-message.js';
import type { ParsedRequest } from '../rest/parse-request.js';
import { preflightHeaders } from './cors.js';
import { finalizeHttpApiResponse } from './http-api-response-headers.js';

export interface PreflightInput {
  readonly parsed: ParsedRequest;
  readonly deployed: DeployedHttpStage;
  readonly identity: RequestIdentity;
}

export const corsPreflight: SyncStage<PreflightInput, GatewayResponse> = {
  name: 'cors-preflight',
  run({ parsed, deployed, identity }, ctx) {
    const api = deployed.deployment.api;
    const cors = api.cors;
    const headers = cors ? preflightHeaders(cors, parsed.request) : [];
    ctx.recordApi({
      type: 'HTTP',
      id: api.id,
      logicalId: api.logicalId,
      stage: deployed.stage.name,
      resourcePath: 'CORS preflight',
    });
    return finalizeHttpApiResponse({ status: 204, headers, body: Buffer.alloc(0), defaultContentType: undefined }, identity, ctx);
  },
};
