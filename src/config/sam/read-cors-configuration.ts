import type { CorsConfiguration } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver } from './intrinsics.js';
import { corsConfigurationKeys } from './known-http-properties.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { describeNode, type MapNode } from './template-node.js';

/**
 * `CorsConfiguration` of an HTTP API: SAM's `true`/`false` or map (AWS::Serverless::HttpApi), or CloudFormation's
 * Cors map (AWS::ApiGatewayV2::Api). Both maps use the same keys.
 * AWS: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 *      https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-api-cors.html
 */
export function readCorsConfiguration(props: PropertyReader, dialect: 'sam' | 'cloudformation'): CorsConfiguration | undefined {
  const node = props.node('CorsConfiguration');
  if (node === undefined) return undefined;
  const source = props.refOf('CorsConfiguration');
  if (dialect === 'sam' && node.kind === 'scalar') {
    const value = props.boolean('CorsConfiguration');
    // AWS (SAM): "If this property is set to true, then all origins are allowed" (sam-resource-httpapi.html).
    // samtranslator (http_api_generator.py _add_cors) sets allowOrigins ['*'] and nothing else for `true`.
    return value ? { ...emptyCors(), allowOrigins: ['*'], source } : undefined;
  }
  if (node.kind !== 'map') {
    const expected = dialect === 'sam' ? 'true, false or a map' : 'a map';
    throw new TemplateError(
      node.ref,
      `CorsConfiguration must be ${expected} of AllowOrigins, AllowMethods, ..., got ${describeNode(node)}`,
    );
  }
  const cors = readCorsMap(props.resolver, node);
  if (dialect === 'sam' && cors.allowCredentials && cors.allowOrigins.length === 1 && cors.allowOrigins[0] === '*') {
    // samtranslator (http_api_generator.py _add_cors) refuses this combination.
    throw new TemplateError(
      node.entries.get('AllowCredentials')?.ref ?? node.ref,
      "AllowCredentials cannot be true when AllowOrigins is ['*'] (SAM refuses the template); list the allowed origins",
    );
  }
  return { ...cors, source };
}

function readCorsMap(resolver: IntrinsicResolver, map: MapNode): Omit<CorsConfiguration, 'source'> {
  checkKnownKeys(map, corsConfigurationKeys, 'CorsConfiguration');
  const cors = new PropertyReader(resolver, map);
  const list = (key: string) => cors.stringList(key)?.values ?? [];
  // AWS: maxAge is -1..86400 seconds (API Gateway v2 API reference, Cors).
  const maxAge = cors.integer('MaxAge', { what: 'a number of seconds', min: -1, max: 86400, unit: 'seconds' });
  return {
    allowOrigins: list('AllowOrigins'),
    allowMethods: list('AllowMethods'),
    allowHeaders: list('AllowHeaders'),
    exposeHeaders: list('ExposeHeaders'),
    ...(maxAge === undefined ? {} : { maxAge }),
    allowCredentials: cors.boolean('AllowCredentials') ?? false,
  };
}

function emptyCors(): Omit<CorsConfiguration, 'source'> {
  return { allowOrigins: [], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: false };
}
