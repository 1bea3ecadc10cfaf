/**
 * Phase: reading the Lambda result by payload format (2.0 inference or 1.0 validation), then the route
 * response: cookies become `set-cookie` lines, CORS headers replace the integration's, the gateway headers
 * are added. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import {
  type HttpApiResponse,
  parseHttpApiResponseV1,
  parseHttpApiResponseV2,
} from '../../integrations/lambda-proxy/parse-http-api-response.js';
import type { SyncStage } from '../context.js';
import type { GatewayResponse } from '../http-message.js';
import { applyCors } from './cors.js';
import { finalizeHttpApiResponse } from './http-api-response-headers.js';
import type { HttpEndpointResponse } from './http-integration.js';

export interface HttpIntegrationResponse {
  readonly endpointResponse: HttpEndpointResponse;
  readonly response: HttpApiResponse;
}

export const httpIntegrationResponse: SyncStage<HttpEndpointResponse, HttpIntegrationResponse> = {
  name: 'integration-response',
  run(input, ctx) {
    const request = input.integrationRequest;
    const integration = request.matched.route.integration;
    const response =
      integration.payloadFormatVersion === '1.0'
        ? parseHttpApiResponseV1(input.payload, request.fn.source)
        : parseHttpApiResponseV2(input.payload, request.fn.source);
    if (response.inferred)
      ctx.note('payload 2.0 result has no statusCode: sent as a 200 application/json body (response inference)');
    return { endpointResponse: input, response };
  },
};

export const httpRouteResponse: SyncStage<HttpIntegrationResponse, GatewayResponse> = {
  name: 'route-response',
  run({ endpointResponse, response }, ctx) {
    const { matched, identity } = endpointResponse.integrationRequest;
    // Documented: "each cookie becomes a set-cookie header". Without cookies the integration's list is used as it is
    // (the lines are only read from here on).
    let headers: readonly (readonly [string, string])[] = response.headers;
    if (response.cookies.length > 0) {
      headers = [...response.headers, ...response.cookies.map((c): [string, string] => ['set-cookie', c])];
    }
    const cors = matched.deployed.deployment.api.cors;
    if (cors) {
      const applied = applyCors(cors, matched.parsed.request, headers);
      headers = applied.headers;
      if (applied.overridden.length > 0) {
        ctx.note(
          `CORS is configured on the API: the integration's ${applied.overridden.join('; ')} replaced by the configured headers`,
        );
      }
    }
    return finalizeHttpApiResponse(
      { status: response.statusCode, headers, body: response.body, defaultContentType: 'application/json' },
      identity,
      ctx,
    );
  },
};
