/**
 * Phase: integration response. For AWS_PROXY there are no integration responses to select: the
 * function's result must itself be a valid proxy response, or the client gets 502.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 */
import { type ProxyResponse, parseProxyResponse } from '../../integrations/lambda-proxy/parse-proxy-response.js';
import type { Stage } from '../context.js';
import type { EndpointResponse } from './invoke-integration.js';

export interface IntegrationResponse {
  readonly endpointResponse: EndpointResponse;
  readonly proxy: ProxyResponse;
}

export const integrationResponse: Stage<EndpointResponse, IntegrationResponse> = {
  name: 'integration-response',
  run(input) {
    const { integrationRequest } = input;
    const proxy = parseProxyResponse(input.payload, integrationRequest.fn.source);
    return { endpointResponse: input, proxy };
  },
};
