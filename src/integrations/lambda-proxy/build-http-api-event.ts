/**
 * The events HTTP APIs send to Lambda: payload format 2.0 and 1.0.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * Field rules: docs/research/http-api-behaviour.md, checked against the captured events in test/fixtures/aws/http/.
 */
import { domainPrefixOf, formatRequestTime, type RequestIdentity } from './build-proxy-event.js';
import { collectHttpApiHeaders, toV1Headers, toV2Headers } from './http-api-request-headers.js';
import { setOwn } from './own-property.js';

export interface HttpApiEventInput {
  readonly method: string;
  /** The path as sent, including a named stage's segment (`/dev/items/1`). */
  readonly rawPath: string;
  readonly rawQuery: string | undefined;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly localPort: number;
  readonly host: string;
  readonly routeKey: string;
  /** The route's path template, or `$default`. */
  readonly routePath: string;
  readonly pathParameters: Readonly<Record<string, string>> | null;
  readonly stage: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly apiId: string;
}

/**
 * Which request bodies arrive as text. Documented only for the identical 2.0 format of function URLs ("If
 * the content type of the request is binary, the body is base64-encoded"); the list of text types is not
 * documented. Measured against AWS (ministackorg/ministack#766, inferred): text/*, application/json,
 * application/xml and application/javascript are text; a missing Content-Type is binary.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return base.startsWith('text/') || ['application/json', 'application/xml', 'application/javascript'].includes(base);
}

function encodeBody(input: HttpApiEventInput): { body: string | undefined; isBase64Encoded: boolean } {
  if (input.body.length === 0) return { body: undefined, isBase64Encoded: false };
  const contentType = input.headers.findLast(([n]) => n.toLowerCase() === 'content-type')?.[1];
  if (isTextContentType(contentType)) return { body: input.body.toString('utf8'), isBase64Encoded: false };
  return { body: input.body.toString('base64'), isBase64Encoded: true };
}

function addedHeaders(input: HttpApiEventInput, identity: RequestIdentity): [string, string][] {
  const forwarded = input.headers.findLast(([n]) => n.toLowerCase() === 'x-forwarded-for')?.[1];
  // As for REST: the local listener speaks plain HTTP on its own port.
  return [
    ['x-amzn-trace-id', identity.traceId],
    ['x-forwarded-for', forwarded ? `${forwarded}, ${input.sourceIp}` : input.sourceIp],
    ['x-forwarded-port', String(input.localPort)],
    ['x-forwarded-proto', 'http'],
  ];
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function parseQuery(rawQuery: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!rawQuery) return out;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeSafe(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeSafe(part.slice(eq + 1));
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}

/** An object of the map's keys, in order (as Object.fromEntries makes it, without the intermediate arrays). */
function mapValues<T>(map: ReadonlyMap<string, string[]>, value: (values: string[]) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, values] of map) setOwn(out, key, value(values));
  return out;
}

function decodePathParameters(pathParameters: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(pathParameters)) setOwn(out, key, decodeSafe(pathParameters[key] as string));
  return out;
}

/** Payload 2.0. Absent things are omitted, not null (recorded); `rawQueryString` is always there. */
export function buildHttpApiEventV2(input: HttpApiEventInput, identity: RequestIdentity): Record<string, unknown> {
  const headers = collectHttpApiHeaders(input.headers, addedHeaders(input, identity), input.body.length);
  const query = parseQuery(input.rawQuery);
  const { body, isBase64Encoded } = encodeBody(input);
  const userAgent = headers.byName.get('user-agent')?.join(',') ?? '';
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQuery ?? '',
  };
  if (headers.cookies.length > 0) event.cookies = headers.cookies;
  event.headers = toV2Headers(headers);
  if (query.size > 0) event.queryStringParameters = mapValues(query, (values) => values.join(','));
  event.requestContext = {
    accountId: identity.accountId,
    apiId: input.apiId,
    ...(identity.authorizer ? { authorizer: identity.authorizer } : {}),
    domainName: input.host,
    domainPrefix: domainPrefixOf(input.host, input.apiId),
    http: { method: input.method, path: input.rawPath, protocol: input.protocol, sourceIp: input.sourceIp, userAgent },
    requestId: identity.extendedRequestId,
    routeKey: input.routeKey,
    stage: input.stage,
    time: formatRequestTime(identity.requestTimeEpoch),
    timeEpoch: identity.requestTimeEpoch,
  };
  // Documented (http-api-develop-routes.html): path parameter values are URL-decoded.
  if (input.pathParameters) event.pathParameters = decodePathParameters(input.pathParameters);
  if (Object.keys(input.stageVariables).length > 0) event.stageVariables = { ...input.stageVariables };
  if (body !== undefined) event.body = body;
  event.isBase64Encoded = isBase64Encoded;
  return event;
}

/**
 * Payload 1.0 on an HTTP API (captured: test/fixtures/aws/http/v1-*.json): the REST shape plus
 * `version`, `resource` = route path or `$default`, `requestContext.resourceId` = the route key, no
 * deploymentId, identity with `cognitoAmr`; empty maps are null. Repeated query keys: the doc example shows
 * the first value, the only capture the last (hand-edited): not established; we keep the first, as documented.
 */
export function buildHttpApiEventV1(input: HttpApiEventInput, identity: RequestIdentity): Record<string, unknown> {
  const collected = collectHttpApiHeaders(input.headers, addedHeaders(input, identity), input.body.length);
  const headers = toV1Headers(input.headers, collected);
  const query = parseQuery(input.rawQuery);
  const { body, isBase64Encoded } = encodeBody(input);
  return {
    version: '1.0',
    resource: input.routePath,
    path: input.rawPath,
    httpMethod: input.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.size > 0 ? mapValues(query, (values) => values[0] as string) : null,
    multiValueQueryStringParameters: query.size > 0 ? mapValues(query, (values) => values) : null,
    requestContext: {
      accountId: identity.accountId,
      apiId: input.apiId,
      ...(identity.authorizer ? { authorizer: identity.authorizer } : {}),
      domainName: input.host,
      domainPrefix: domainPrefixOf(input.host, input.apiId),
      extendedRequestId: identity.extendedRequestId,
      httpMethod: input.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAmr: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: input.sourceIp,
        user: null,
        userAgent: collected.byName.get('user-agent')?.join(',') ?? null,
        userArn: null,
        ...identity.caller,
      },
      path: input.rawPath,
      protocol: input.protocol,
      requestId: identity.extendedRequestId,
      requestTime: formatRequestTime(identity.requestTimeEpoch),
      requestTimeEpoch: identity.requestTimeEpoch,
      resourceId: input.routeKey,
      resourcePath: input.routePath,
      stage: input.stage,
    },
    pathParameters: input.pathParameters ? decodePathParameters(input.pathParameters) : null,
    stageVariables: Object.keys(input.stageVariables).length > 0 ? { ...input.stageVariables } : null,
    body: body ?? null,
    isBase64Encoded,
  };
}
