import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { describeNode } from './template-node.js';

/**
 * SAM `Cors` of AWS::Serverless::Api (and Globals.Api.Cors): a string (the allowed origin) or a map.
 * AWS (SAM): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html
 * samtranslator (api_generator.py _add_cors, CorsProperties): AllowOrigin defaults to "'*'", AllowCredentials to
 * false; the values are handed to API Gateway unchanged as integration response parameters, so they are
 * API Gateway mapping values: a literal is written in single quotes ("'https://example.com'").
 */
export interface RestCorsSettings {
  /** Each value as written: `'*'` (quotes included) or a mapping expression such as `stageVariables.origin`. */
  readonly allowOrigin: string;
  readonly allowHeaders?: string;
  /** Absent: SAM lists the path's methods plus OPTIONS. */
  readonly allowMethods?: string;
  readonly maxAge?: string;
  readonly allowCredentials: boolean;
  readonly source: SourceRef;
}

const corsKeys = ['AllowMethods', 'AllowHeaders', 'AllowOrigin', 'MaxAge', 'AllowCredentials'];

/** samtranslator's _CORS_WILDCARD. */
const wildcard = "'*'";

export function readRestCors(props: PropertyReader): RestCorsSettings | undefined {
  const node = props.node('Cors');
  if (node === undefined) return undefined;
  const source = props.refOf('Cors');
  if (node.kind === 'scalar') {
    const origin = props.string('Cors');
    if (origin === undefined) return undefined;
    return { allowOrigin: checkMappingValue(origin, 'Cors', source), allowCredentials: false, source };
  }
  if (node.kind !== 'map') {
    throw new TemplateError(
      node.ref,
      `Cors must be an origin ("'https://example.com'") or a map of AllowOrigin, AllowMethods, AllowHeaders, MaxAge, AllowCredentials, got ${describeNode(node)}`,
    );
  }
  checkKnownKeys(node, corsKeys, 'Cors');
  const cors = new PropertyReader(props.resolver, node);
  const value = (key: string): string | undefined => {
    const item = cors.node(key);
    if (item === undefined) return undefined;
    // MaxAge is often written as a number; SAM passes it on unquoted, which API Gateway refuses (below).
    const text = item.kind === 'scalar' && typeof item.value === 'number' ? String(item.value) : cors.string(key);
    return text === undefined ? undefined : checkMappingValue(text, `Cors.${key}`, cors.refOf(key));
  };
  const allowOrigin = value('AllowOrigin') ?? wildcard;
  const allowCredentials = cors.boolean('AllowCredentials') ?? false;
  if (allowCredentials && allowOrigin === wildcard) {
    // samtranslator (api_generator.py _add_cors) refuses the template.
    throw new TemplateError(
      cors.refOf('AllowCredentials'),
      `Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is "'*'" or not set; name the origin, e.g. AllowOrigin: "'https://example.com'"`,
    );
  }
  const allowHeaders = value('AllowHeaders');
  const allowMethods = value('AllowMethods');
  const maxAge = value('MaxAge');
  return {
    allowOrigin,
    ...(allowHeaders === undefined ? {} : { allowHeaders }),
    ...(allowMethods === undefined ? {} : { allowMethods }),
    ...(maxAge === undefined ? {} : { maxAge }),
    allowCredentials,
    source,
  };
}

/**
 * The value becomes an integration response parameter: API Gateway accepts a quoted literal or a mapping
 * expression, and refuses anything else at deployment ("Invalid mapping expression specified").
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
function checkMappingValue(value: string, key: string, at: SourceRef): string {
  if (/^'.*'$/s.test(value) || /^(stageVariables|context)\.[A-Za-z0-9._-]+$/.test(value)) return value;
  throw new TemplateError(
    at,
    `${key} is ${JSON.stringify(value)}: SAM hands it to API Gateway unchanged as a mapping value, and API Gateway refuses it at deployment (Invalid mapping expression specified); write a quoted literal: "'${value}'"`,
  );
}
