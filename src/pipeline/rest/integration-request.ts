/**
 * Phase: integration request. For AWS_PROXY, API Gateway builds the proxy event from the raw request
 * (request parameter mappings are ignored: recorded, test_lambda_aws_proxy_integration_request_data_mapping).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import { buildProxyEvent, type ProxyEvent } from '../../integrations/lambda-proxy/build-proxy-event.js';
import type { FunctionSpec } from '../../model/function-spec.js';
import type { LambdaProxyIntegration } from '../../model/rest-api.js';
import type { Stage } from '../context.js';
import { formatLogBody } from '../execution-log.js';
import { headerValue } from '../http-message.js';
import type { MethodRequest } from './method-request.js';

/** Lambda's synchronous invocation payload quota: 6 MB (6291456 bytes). */
export const MAX_LAMBDA_EVENT_BYTES = 6 * 1024 * 1024;

export interface IntegrationRequest {
  readonly methodRequest: MethodRequest;
  readonly integration: LambdaProxyIntegration;
  readonly fn: FunctionSpec;
  readonly functionArn: string;
  readonly event: ProxyEvent;
  readonly eventBytes: Buffer;
}

export interface IntegrationTarget {
  readonly region: string;
  readonly accountId: string;
  functionFor(logicalId: string): FunctionSpec | undefined;
}

export function createIntegrationRequest(target: IntegrationTarget): Stage<MethodRequest, IntegrationRequest> {
  return {
    name: 'integration-request',
    run(input, ctx) {
      const { route } = input;
      const integration = route.method.integration;
      const fn = target.functionFor(integration.functionLogicalId);
      if (!fn) {
        // The template loader guarantees this cannot happen; kept as an explicit failure, not a crash.
        throw new GatewayError('LAMBDA_SERVICE_ERROR', `function ${integration.functionLogicalId} is not defined`, {
          errorType: 'ResourceNotFoundException',
          message: `Function not found: ${integration.functionLogicalId}`,
        });
      }
      const functionArn = `arn:aws:lambda:${target.region}:${target.accountId}:function:${fn.functionName}`;
      const built = buildProxyEvent(route, input.identity);
      const api = route.deployed.deployment.api;
      if (built.binaryMatch !== undefined) {
        ctx.notice(
          'REQUEST_BODY_BASE64_ENCODED',
          `Content-Type ${headerValue(route.parsed.request.headers, 'content-type')} matches binaryMediaTypes entry "${built.binaryMatch}", so event.body is base64 and isBase64Encoded is true`,
          api.binaryMediaTypesSource ?? api.source,
        );
      }
      if (built.bodyLostBytes) {
        ctx.notice(
          'REQUEST_BODY_NOT_UTF8',
          `the ${route.parsed.request.body.length}-byte body is not UTF-8 and Content-Type ${headerValue(route.parsed.request.headers, 'content-type') ?? '(none)'} is not in binaryMediaTypes [${api.binaryMediaTypes.join(', ')}]; invalid bytes became U+FFFD`,
          api.binaryMediaTypesSource ?? api.source,
        );
      }
      const eventBytes = Buffer.from(JSON.stringify(built.event), 'utf8');
      const uri = `https://lambda.${target.region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`;
      ctx.note(`Endpoint request URI: ${uri}`);
      ctx.note(`Endpoint request body after transformations: ${formatLogBody(eventBytes.toString('utf8'))}`);
      if (eventBytes.length > MAX_LAMBDA_EVENT_BYTES) {
        throw new GatewayError(
          'LAMBDA_REQUEST_TOO_LARGE',
          `the proxy event is ${eventBytes.length} bytes (request body ${route.parsed.request.body.length} bytes${built.event.isBase64Encoded ? ', base64-encoded' : ''}); Lambda accepts at most ${MAX_LAMBDA_EVENT_BYTES}`,
          {},
          integration.source,
        );
      }
      ctx.note(`Sending request to ${uri}`);
      return { methodRequest: input, integration, fn, functionArn, event: built.event, eventBytes };
    },
  };
}
