/**
 * The Lambda proxy integration's input event (payload format 1.0), as REST APIs build it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * Field rules are the recorded ones in ../shared/aws/api-gateway.md §2.
 */
import { isUtf8 } from 'node:buffer';
import { matchBinaryMediaType } from '../../pipeline/binary/media-type.js';
import { headerValue } from '../../pipeline/http-message.js';
import type { MatchedRoute } from '../../pipeline/rest/route-request.js';
import { parseQueryString } from './query-string.js';
import { buildEventHeaders } from './request-headers.js';

export interface RequestIdentity {
  /** requestContext.requestId and the `x-amzn-RequestId` response header. */
  readonly requestId: string;
  /** requestContext.extendedRequestId and the `x-amz-apigw-id` response header. */
  readonly extendedRequestId: string;
  /** The X-Amzn-Trace-Id header value passed to the integration. */
  readonly traceId: string;
  readonly requestTimeEpoch: number;
  readonly accountId: string;
  /** requestContext.authorizer as the authorization phase established it; absent when no authorizer ran. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
  /** requestContext.identity fields a verified SigV4 signature fills (accessKey, accountId, caller, user, userArn). */
  readonly caller?: Readonly<Record<string, string>>;
  /** A Lambda authorizer's usageIdentifierKey (the API key when ApiKeySourceType is AUTHORIZER). */
  readonly usageIdentifierKey?: string;
}

/**
 * The event's shape. `@types/aws-lambda`'s APIGatewayProxyEvent is close but lists identity keys
 * (apiKey, clientCert, ...) that AWS's recorded events without API keys or mTLS do not carry.
 */
export interface ProxyEvent {
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly headers: Record<string, string>;
  readonly multiValueHeaders: Record<string, string[]>;
  readonly queryStringParameters: Record<string, string> | null;
  readonly multiValueQueryStringParameters: Record<string, string[]> | null;
  readonly pathParameters: Readonly<Record<string, string>> | null;
  readonly stageVariables: Record<string, string> | null;
  readonly requestContext: Record<string, unknown> & { readonly requestId: string };
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
}

export interface BuiltProxyEvent {
  readonly event: ProxyEvent;
  /** The binaryMediaTypes entry that made the body base64, if any. */
  readonly binaryMatch: string | undefined;
  /** True when a non-binary body held bytes that are not UTF-8 and were replaced by U+FFFD. */
  readonly bodyLostBytes: boolean;
}

export function buildProxyEvent(route: MatchedRoute, identity: RequestIdentity): BuiltProxyEvent {
  const { request } = route.parsed;
  const api = route.deployed.deployment.api;
  const stage = route.deployed.stage;
  const sourceIp = request.sourceIp;
  const forwardedFor = headerValue(request.headers, 'x-forwarded-for');
  // AWS adds these to the integration request (recorded). Locally the listener speaks plain HTTP on its
  // own port, so X-Forwarded-Proto/Port tell the truth about this server rather than AWS's 443/https:
  // frameworks build redirect URLs from them.
  const added: [string, string][] = [
    ['X-Amzn-Trace-Id', identity.traceId],
    ['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${sourceIp}` : sourceIp],
    ['X-Forwarded-Port', String(request.localPort)],
    ['X-Forwarded-Proto', 'http'],
  ];
  const headers = buildEventHeaders(request.headers, added);
  const query = parseQueryString(route.parsed.rawQuery);
  const host = headerValue(request.headers, 'host') ?? `127.0.0.1:${request.localPort}`;
  const userAgent = headerValue(request.headers, 'user-agent') ?? null;

  let body: string | null = null;
  let isBase64Encoded = false;
  let binaryMatch: string | undefined;
  let bodyLostBytes = false;
  if (request.body.length > 0) {
    const contentType = headerValue(request.headers, 'content-type');
    binaryMatch = contentType === undefined ? undefined : matchBinaryMediaType(contentType, api.binaryMediaTypes);
    if (binaryMatch !== undefined) {
      body = request.body.toString('base64');
      isBase64Encoded = true;
    } else {
      body = request.body.toString('utf8');
      bodyLostBytes = !isUtf8(request.body);
    }
  }

  const event: ProxyEvent = {
    resource: route.resource.path,
    path: route.path,
    httpMethod: request.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: route.pathParameters,
    stageVariables: Object.keys(stage.variables).length > 0 ? { ...stage.variables } : null,
    requestContext: {
      resourceId: route.resource.id,
      resourcePath: route.resource.path,
      httpMethod: request.method,
      extendedRequestId: identity.extendedRequestId,
      requestTime: formatRequestTime(identity.requestTimeEpoch),
      path: route.requestContextPath,
      accountId: identity.accountId,
      protocol: request.protocol,
      stage: stage.name,
      domainPrefix: domainPrefixOf(host, api.id),
      requestTimeEpoch: identity.requestTimeEpoch,
      requestId: identity.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent,
        user: null,
        ...identity.caller,
      },
      ...(identity.authorizer ? { authorizer: identity.authorizer } : {}),
      domainName: host,
      deploymentId: route.deployed.deployment.id,
      apiId: api.id,
    },
    body,
    isBase64Encoded,
  };
  // `authorizer` only appears when an authorizer is configured (documented); pipeline/rest/authorize-request.ts fills it.
  return { event, binaryMatch, bodyLostBytes };
}

/**
 * AWS: the first label of domainName (the API id for `{api-id}.execute-api.{region}.amazonaws.com`), in REST and
 * HTTP API events alike. Locally, an IP address host has no meaningful first label, so the API id stands in.
 */
export function domainPrefixOf(host: string, apiId: string): string {
  // Every request of a client sends the same Host: the last answer is kept.
  if (host === lastHost && apiId === lastApiId) return lastPrefix;
  const hostname = host.replace(/:\d+$/, '');
  const prefix = /^[\d.]+$/.test(hostname) || hostname.startsWith('[') ? apiId : (hostname.split('.')[0] ?? apiId);
  lastHost = host;
  lastApiId = apiId;
  lastPrefix = prefix;
  return prefix;
}

let lastHost = '';
let lastApiId = '';
let lastPrefix = '';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The requestTime of the current second: it has a resolution of one second, so it is formatted once a second. */
let requestTimeSecond = Number.NaN;
let requestTimeText = '';

/** `dd/MMM/yyyy:HH:mm:ss +0000`, as requestContext.requestTime (recorded). */
export function formatRequestTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === requestTimeSecond) return requestTimeText;
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  requestTimeText = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  requestTimeSecond = second;
  return requestTimeText;
}
