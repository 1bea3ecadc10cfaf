/**
 * An HTTP API request through API Gateway's phases, in order. Any GatewayError becomes the HTTP API's own
 * answer for it.
 */
import type { AuthOptions } from '../../auth/auth-options.js';
import type { DeployedHttpStage } from '../../deploy/deployment.js';
import { GatewayError } from '../../failures/gateway-error.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { LambdaRuntime } from '../../runtime/runtime.js';
import type { InvocationContext } from '../context.js';
import type { GatewayRequest, GatewayResponse } from '../http-message.js';
import type { IntegrationTarget } from '../rest/integration-request.js';
import { createParseRequest } from '../rest/parse-request.js';
import { createAuthorizeHttpRequest } from './authorize-http-request.js';
import { isPreflight } from './cors.js';
import { corsPreflight } from './cors-preflight.js';
import { renderHttpGatewayResponse } from './http-gateway-response.js';
import { createHttpIntegration } from './http-integration.js';
import { createHttpIntegrationRequest } from './http-integration-request.js';
import { httpIntegrationResponse, httpRouteResponse } from './http-integration-response.js';
import { routeHttpRequest } from './route-http-request.js';

export interface HttpPipelineDeps extends IntegrationTarget {
  readonly runtime: LambdaRuntime;
  /** JWKS files and IAM credentials for authorizers (src/auth). */
  readonly auth?: AuthOptions;
}

export type HttpPipeline = (
  request: GatewayRequest,
  deployed: DeployedHttpStage | undefined,
  identity: RequestIdentity,
  ctx: InvocationContext,
) => Promise<GatewayResponse>;

const parseRequest = createParseRequest('HTTP_REQUEST_TOO_LARGE');

export function createHttpPipeline(deps: HttpPipelineDeps): HttpPipeline {
  const integrationRequest = createHttpIntegrationRequest(deps);
  const integration = createHttpIntegration(deps.runtime);
  const authorizeRequest = createAuthorizeHttpRequest(deps);
  return async (request, deployed, identity, ctx) => {
    // Synchronous phases are not awaited: they run back to back within one turn (ctx.step returns their output).
    try {
      const parsed = ctx.step(parseRequest, request);
      if (deployed?.deployment.api.cors && isPreflight(request)) {
        return ctx.step(corsPreflight, { parsed, deployed, identity });
      }
      const matched = ctx.step(routeHttpRequest, { parsed, deployed });
      const authorizing = ctx.step(authorizeRequest, { matched, identity });
      // Awaited only when an authorizer runs (most routes have none): `await` costs a turn even on a plain value.
      const authorized = authorizing instanceof Promise ? await authorizing : authorizing;
      const integrationReq = ctx.step(integrationRequest, { matched, identity: authorized });
      const endpointRes = await ctx.step(integration, integrationReq);
      const integrationRes = ctx.step(httpIntegrationResponse, endpointRes);
      return ctx.step(httpRouteResponse, integrationRes);
    } catch (error) {
      if (error instanceof GatewayError)
        return renderHttpGatewayResponse(error, request, deployed?.deployment.api.cors, identity, ctx);
      throw error;
    }
  };
}
