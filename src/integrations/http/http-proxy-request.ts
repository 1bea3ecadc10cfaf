/**
 * HTTP_PROXY: API Gateway passes the method request to the endpoint — method, query string, headers and body —
 * with `{name}` placeholders of the uri filled from requestParameters (`integration.request.path.proxy:
 * method.request.path.proxy`) or, when not mapped, from the method's path parameter of the same name.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html#api-gateway-set-up-http-proxy-integration-on-proxy-resource
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { HttpProxyIntegration } from '../../model/integration.js';
import type { InvocationContext } from '../../pipeline/context.js';
import type { HttpProxyRequest } from '../../pipeline/rest/integration-request.js';
import type { MethodRequest } from '../../pipeline/rest/method-request.js';
import { mapRequestParameters } from '../mapped/parameter-mapping.js';
import { methodRequestValues } from '../mapped/template-variables.js';
import { resolveEndpointUrl } from './endpoint-url.js';

export function buildHttpProxyRequest(
  input: MethodRequest,
  integration: HttpProxyIntegration,
  ctx: InvocationContext,
): HttpProxyRequest {
  const { route } = input;
  const values = methodRequestValues(route, input.identity);
  const mapped = mapRequestParameters(integration.requestParameters, values, '');
  // Inferred: the console maps same-named path parameters by default; unmapped placeholders use them.
  const pathValues = { ...values.params.path, ...mapped.path };
  const resolved = resolveEndpointUrl({ uri: integration.uri, stageVariables: values.stageVariables, pathValues });
  if (resolved.missing.length > 0) {
    throw new GatewayError(
      'HTTP_ENDPOINT_FAILED',
      `the integration uri ${integration.uri} needs ${resolved.missing.join(', ')}, which this request and stage do not give`,
      {},
      integration.source,
    );
  }
  const rawQuery = route.parsed.rawQuery;
  const url =
    rawQuery === undefined || rawQuery === ''
      ? resolved.url
      : `${resolved.url}${resolved.url.includes('?') ? '&' : '?'}${rawQuery}`;
  const headers: [string, string][] = route.parsed.request.headers.map(([n, v]) => [n, v]);
  for (const [name, value] of Object.entries(mapped.header)) headers.push([name, value]);
  ctx.note(`Endpoint request URI: ${url}`);
  ctx.note(`Sending request to ${url}`);
  return { kind: 'http-proxy', methodRequest: input, integration, values, url, headers, body: route.parsed.request.body };
}
