import { gatewayResponseDefaults } from '../../failures/gateway-response-type.js';
import type { GatewayResponseSpec } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { findClosestKey } from './closest-key.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { describeNode, type MapNode } from './template-node.js';

/**
 * SAM `GatewayResponses` of AWS::Serverless::Api → the API's customised gateway responses, as SAM writes them into
 * x-amazon-apigateway-gateway-responses.
 * AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-gatewayresponse.html
 * samtranslator (model/apigateway.py ApiGatewayResponse): ResponseParameters has Headers, Paths and QueryStrings,
 * prefixed `gatewayresponse.header.`, `gatewayresponse.path.`, `gatewayresponse.querystring.`; the values are
 * passed unchanged, so a literal is written in single quotes ("'*'") and anything else is a mapping expression
 * (`method.request.header.Origin`); StatusCode must be 1 to 3 digits.
 * The response types: supported-gateway-response-types.html.
 */
export function readGatewayResponses(props: PropertyReader): GatewayResponseSpec[] {
  const map = props.mapAt('GatewayResponses');
  if (map === undefined) return [];
  const known = Object.keys(gatewayResponseDefaults);
  const specs: GatewayResponseSpec[] = [];
  for (const [responseType, node] of map.entries) {
    if (!known.includes(responseType)) {
      const closest = findClosestKey(responseType, known);
      throw new TemplateError(
        node.ref,
        `${responseType} is not a gateway response type${closest ? `; did you mean ${closest}?` : ''} (known: ${known.join(', ')})`,
      );
    }
    if (node.kind !== 'map') {
      throw new TemplateError(
        node.ref,
        `GatewayResponses.${responseType} must be a map of StatusCode, ResponseParameters, ResponseTemplates, got ${describeNode(node)}`,
      );
    }
    specs.push(readGatewayResponse(props, responseType, node));
  }
  return specs;
}

const parameterPrefixes = [
  ['Headers', 'gatewayresponse.header.'],
  ['Paths', 'gatewayresponse.path.'],
  ['QueryStrings', 'gatewayresponse.querystring.'],
] as const;

function readGatewayResponse(api: PropertyReader, responseType: string, map: MapNode): GatewayResponseSpec {
  const owner = `GatewayResponses.${responseType}`;
  checkKnownKeys(map, ['StatusCode', 'ResponseParameters', 'ResponseTemplates'], owner);
  const props = new PropertyReader(api.resolver, map);
  const statusNode = props.node('StatusCode');
  let statusCode: number | undefined;
  if (statusNode !== undefined) {
    const text =
      statusNode.kind === 'scalar' && typeof statusNode.value === 'number'
        ? String(statusNode.value)
        : props.string('StatusCode');
    if (text === undefined || !/^[0-9]{1,3}$/.test(text)) {
      throw new TemplateError(
        props.refOf('StatusCode'),
        `Property 'StatusCode' must be numeric (SAM refuses the template), got ${describeNode(statusNode)}`,
      );
    }
    statusCode = Number(text);
  }
  const responseParameters: Record<string, string> = {};
  const parametersMap = props.mapAt('ResponseParameters');
  if (parametersMap !== undefined) {
    checkKnownKeys(
      parametersMap,
      parameterPrefixes.map(([key]) => key),
      `${owner}.ResponseParameters`,
    );
    const parameters = new PropertyReader(api.resolver, parametersMap);
    for (const [key, prefix] of parameterPrefixes) {
      const entries = parameters.mapAt(key);
      if (entries === undefined) continue;
      const values = new PropertyReader(api.resolver, entries);
      for (const name of entries.entries.keys()) {
        const value = values.string(name);
        if (value === undefined) continue;
        responseParameters[`${prefix}${name}`] = checkGatewayMappingValue(
          value,
          `${owner}.ResponseParameters.${key}.${name}`,
          values.refOf(name),
        );
      }
    }
  }
  const templatesMap = props.mapAt('ResponseTemplates');
  const templates = templatesMap === undefined ? undefined : new PropertyReader(api.resolver, templatesMap);
  const responseTemplates = [...(templatesMap?.entries.keys() ?? [])].flatMap((contentType) => {
    const template = templates?.string(contentType);
    return template === undefined ? [] : [{ contentType, template, source: templates?.refOf(contentType) ?? map.ref }];
  });
  return {
    responseType,
    ...(statusCode === undefined ? {} : { statusCode }),
    responseParameters,
    responseTemplates,
    source: map.ref,
  };
}

/**
 * A gateway response parameter is a quoted literal or one of method.request.{header,querystring,path,
 * multivaluequerystring,multivalueheader}.X, context.X, stageVariables.X; API Gateway refuses others at deployment.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
function checkGatewayMappingValue(value: string, key: string, at: MapNode['ref']): string {
  if (/^'.*'$/s.test(value)) return value;
  if (
    /^(method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)|context|stageVariables)\.\S+$/.test(
      value,
    )
  ) {
    return value;
  }
  throw new TemplateError(
    at,
    `${key} is ${JSON.stringify(value)}: SAM passes it to API Gateway unchanged, which refuses it at deployment (Invalid mapping expression specified); write a quoted literal: "'${value}'"`,
  );
}
