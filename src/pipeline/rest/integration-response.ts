/**
 * Phase: integration response. For AWS_PROXY there are no integration responses to select: the function's
 * result must itself be a valid proxy response, or the client gets 502. For non-proxy integrations the
 * endpoint's answer is mapped by the selected integration response; HTTP_PROXY passes it through.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 */

import { type ProxyResponse, parseProxyResponse } from '../../integrations/lambda-proxy/parse-proxy-response.js';
import { mapIntegrationResponse } from '../../integrations/mapped/map-integration-response.js';
import type { MappingTemplate } from '../../model/integration.js';
import type { SyncStage } from '../context.js';
import type { EndpointResponse } from './invoke-integration.js';

export type IntegrationResponse =
  | {
      readonly kind: 'lambda-proxy';
      readonly endpointResponse: EndpointResponse & { kind: 'lambda-proxy' };
      readonly proxy: ProxyResponse;
    }
  | {
      readonly kind: 'final';
      readonly endpointResponse: EndpointResponse;
      readonly status: number;
      readonly headers: readonly (readonly [string, string])[];
      readonly body: Buffer;
      readonly binary: boolean;
      /** Lambda integrations return X-Amzn-Trace-Id; MOCK (recorded) and HTTP (inferred) do not. */
      readonly withTraceId: boolean;
      readonly template?: MappingTemplate;
    };

export const integrationResponse: SyncStage<EndpointResponse, IntegrationResponse> = {
  name: 'integration-response',
  run(input, ctx) {
    switch (input.kind) {
      case 'lambda-proxy':
        return {
          kind: 'lambda-proxy',
          endpointResponse: input,
          proxy: parseProxyResponse(input.payload, input.integrationRequest.fn.source),
        };
      case 'http-proxy':
        return {
          kind: 'final',
          endpointResponse: input,
          status: input.status,
          headers: input.headers,
          body: input.body,
          binary: false,
          withTraceId: false,
        };
      case 'mapped': {
        const request = input.integrationRequest;
        const mapped = mapIntegrationResponse(
          {
            route: request.methodRequest.route,
            integration: request.integration,
            values: request.values,
            answer: {
              status: input.status,
              headers: input.headers,
              body: input.body,
              ...(input.functionError ? { functionError: input.functionError } : {}),
            },
          },
          ctx,
        );
        return { kind: 'final', endpointResponse: input, ...mapped, withTraceId: request.integration.type === 'AWS' };
      }
    }
  },
};
