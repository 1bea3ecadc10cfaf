/**
 * A REST API request through API Gateway's phases, in order. The order lives here only; any
 * GatewayError thrown by a phase becomes the gateway response of its type.
 */
import type { AuthOptions } from '../../auth/auth-options.js';
import type { DeployedStage } from '../../deploy/deployment.js';
import { GatewayError } from '../../failures/gateway-error.js';
import type { RequestIdentity } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { LambdaRuntime } from '../../runtime/runtime.js';
import type { InvocationContext, Stage, SyncStage } from '../context.js';
import type { GatewayRequest, GatewayResponse } from '../http-message.js';
import { checkApiKey } from './api-key.js';
import { createAuthorizeRequest } from './authorize-request.js';
import { compressForClient } from './compress-response.js';
import { checkCors } from './cors-check.js';
import { renderGatewayResponse } from './gateway-response.js';
import { createIntegrationRequest, type IntegrationRequest, type IntegrationTarget } from './integration-request.js';
import { integrationResponse } from './integration-response.js';
import { createInvokeIntegration, type EndpointResponse } from './invoke-integration.js';
import { type MethodRequest, methodRequest } from './method-request.js';
import { methodResponse } from './method-response.js';
import { noteOutOfDateDeployment } from './out-of-date-deployment.js';
import { parseRequest } from './parse-request.js';
import { type MatchedRoute, routeRequest } from './route-request.js';
import { stageCacheLookup, storeInStageCache } from './stage-cache.js';
import { throttleRequest } from './throttle.js';

export interface RestPipelineDeps extends IntegrationTarget {
  readonly runtime: LambdaRuntime;
  /** JWKS files and IAM credentials for authorizers (src/auth). */
  readonly auth?: AuthOptions;
}

export type RestPipeline = (
  request: GatewayRequest,
  deployed: DeployedStage | undefined,
  identity: RequestIdentity,
  ctx: InvocationContext,
) => Promise<GatewayResponse>;

export function createRestPipeline(deps: RestPipelineDeps): RestPipeline {
  const integrationRequest: SyncStage<MethodRequest, IntegrationRequest> = createIntegrationRequest(deps);
  const invokeIntegration: Stage<IntegrationRequest, EndpointResponse> = createInvokeIntegration(deps.runtime);
  const authorizeRequest = createAuthorizeRequest(deps);
  return async (request, deployed, identity, ctx) => {
    const response = await runPhases(request, deployed, identity, ctx);
    checkCors(request, response, ctx);
    noteOutOfDateDeployment(deployed, ctx);
    return response;
  };

  async function runPhases(
    request: GatewayRequest,
    deployed: DeployedStage | undefined,
    identity: RequestIdentity,
    ctx: InvocationContext,
  ): Promise<GatewayResponse> {
    // Synchronous phases are not awaited: they run back to back within one turn (ctx.step returns their output).
    try {
      const parsed = ctx.step(parseRequest, request);
      const matched: MatchedRoute = ctx.step(routeRequest, { parsed, deployed });
      const authorizing = ctx.step(authorizeRequest, { route: matched, identity });
      // Awaited only when an authorizer runs (most methods have none): `await` costs a turn even on a plain value.
      const authorized = authorizing instanceof Promise ? await authorizing : authorizing;
      // Only a Lambda authorizer gives a usageIdentifierKey; without one the route itself is the input (no copy).
      const key = authorized.usageIdentifierKey;
      ctx.step(checkApiKey, key === undefined ? matched : { ...matched, usageIdentifierKey: key });
      ctx.step(throttleRequest, matched);
      const methodReq = ctx.step(methodRequest, { route: matched, identity: authorized });
      const cached = ctx.step(stageCacheLookup, methodReq);
      const compression = matched.deployed.deployment.api.minimumCompressionSize;
      if (cached.hit) return compressForClient(request, compression, cached.hit, ctx);
      const integrationReq = ctx.step(integrationRequest, methodReq);
      const endpointRes = await ctx.step(invokeIntegration, integrationReq);
      const integrationRes = ctx.step(integrationResponse, endpointRes);
      const response = storeInStageCache(cached, ctx.step(methodResponse, integrationRes), ctx);
      return compressForClient(request, compression, response, ctx);
    } catch (error) {
      if (error instanceof GatewayError) return renderGatewayResponse(error, identity, ctx, { deployed, request });
      throw error;
    }
  }
}
