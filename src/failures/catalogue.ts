import type { GatewayResponseType } from './gateway-response-type.js';

/**
 * Every answer API Gateway makes itself, and every legal-but-surprising outcome gatehouse explains.
 * The CLI, `inject()` traces and docs/failures.md read from here (test/unit/failures/catalogue-docs.test.ts
 * keeps the docs in step).
 *
 * `body` is the exact byte string the client receives. AWS is not consistent about the space after the
 * colon: the messages produced by the default gateway-response template (`{"message":$context.error.messageString}`)
 * have none, the Lambda/integration failures keep the space AWS has always sent (recorded: REST 500 body
 * `{"message": "Internal server error"}`, 36 bytes, ../shared/aws/api-gateway.md §4.1).
 */
export interface FailureSpec {
  /** `gateway` = API Gateway answers instead of the integration; `notice` = the answer is legal but surprising. */
  readonly kind: 'gateway' | 'notice';
  readonly title: string;
  /** Gateway answers only. */
  readonly status?: number;
  readonly responseType?: GatewayResponseType;
  readonly body?: string;
  /** `x-amzn-ErrorType` header value, where AWS sends one. */
  readonly errorType?: string;
  /** The execution-log line AWS writes, `{placeholders}` filled from the failure's fields. */
  readonly awsLog: string | null;
  /** How sure we are of status/body/log, as in ../shared/aws/api-gateway.md §0. */
  readonly confidence: 'recorded' | 'documented' | 'inferred';
  readonly hint: string;
  readonly docs: string;
}

const INTERNAL_SERVER_ERROR = '{"message": "Internal server error"}';
/** HTTP APIs spell it with capitals and no space (recorded, 35 bytes: docs/research/http-api-behaviour.md §4). */
const HTTP_INTERNAL_SERVER_ERROR = '{"message":"Internal Server Error"}';

export const failures = {
  MISSING_AUTHENTICATION_TOKEN: {
    kind: 'gateway',
    title: 'No resource or method matches the request',
    status: 403,
    responseType: 'MISSING_AUTHENTICATION_TOKEN',
    body: '{"message":"Missing Authentication Token"}',
    errorType: 'MissingAuthenticationTokenException',
    awsLog: null,
    confidence: 'recorded',
    hint: 'REST APIs answer 403 (not 404) for an unknown path or a method the resource does not define. Check the stage name in the URL, the path and the method against the routes printed at start-up.',
    docs: 'https://repost.aws/knowledge-center/api-gateway-authentication-token-errors',
  },
  REQUEST_TOO_LARGE: {
    kind: 'gateway',
    title: 'Request payload over 10 MB',
    status: 413,
    responseType: 'REQUEST_TOO_LARGE',
    body: '{"message":"Request Too Long"}',
    errorType: 'BadRequestException',
    awsLog: null,
    confidence: 'documented',
    hint: 'API Gateway accepts payloads up to 10 MB (10485760 bytes). Upload large files straight to S3 with a presigned URL.',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html',
  },
  LAMBDA_REQUEST_TOO_LARGE: {
    kind: 'gateway',
    title: 'Lambda event over 6 MB',
    status: 413,
    responseType: 'REQUEST_TOO_LARGE',
    body: '{"message": "Request Too Long"}',
    errorType: 'BadRequestException',
    awsLog: null,
    confidence: 'recorded',
    hint: "The proxy event (body plus headers and context, base64 making binary bodies 4/3 larger) must fit in Lambda's 6 MB synchronous invoke limit. Send large payloads to S3 instead.",
    docs: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  },
  LAMBDA_PROXY_MALFORMED_RESPONSE: {
    kind: 'gateway',
    title: 'Malformed Lambda proxy response',
    status: 502,
    responseType: 'DEFAULT_5XX',
    body: INTERNAL_SERVER_ERROR,
    errorType: 'InternalServerErrorException',
    awsLog: 'Execution failed due to configuration error: Malformed Lambda proxy response',
    confidence: 'recorded',
    hint: 'Return an object with only statusCode, headers, multiValueHeaders, body and isBase64Encoded; body must be a string (JSON.stringify objects).',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format',
  },
  LAMBDA_FUNCTION_ERROR: {
    kind: 'gateway',
    title: 'The function failed',
    status: 502,
    responseType: 'DEFAULT_5XX',
    body: INTERNAL_SERVER_ERROR,
    errorType: 'InternalServerErrorException',
    awsLog:
      'Lambda execution failed with status 200 due to customer function error: {errorMessage}. Lambda request id: {lambdaRequestId}',
    confidence: 'recorded',
    hint: 'A thrown error, a crash, a function timeout or an oversized result all reach API Gateway as a function error, answered 502. Catch errors in the handler and return { statusCode: 500, body } to control the answer.',
    docs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
  },
  LAMBDA_THROTTLED: {
    kind: 'gateway',
    title: 'Lambda throttled the invoke',
    status: 500,
    responseType: 'DEFAULT_5XX',
    body: INTERNAL_SERVER_ERROR,
    errorType: 'InternalServerErrorException',
    awsLog: 'Execution failed due to configuration error: Lambda function throttled ({reason})',
    confidence: 'documented',
    hint: 'The function has no free concurrency (ReservedConcurrentExecutions, or every environment busy). Raise ReservedConcurrentExecutions or remove it.',
    docs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
  },
  LAMBDA_SERVICE_ERROR: {
    kind: 'gateway',
    title: 'The Lambda service rejected the invoke',
    status: 500,
    responseType: 'DEFAULT_5XX',
    body: INTERNAL_SERVER_ERROR,
    errorType: 'InternalServerErrorException',
    awsLog: 'Execution failed due to configuration error: {errorType}: {message}',
    confidence: 'documented',
    hint: 'Lambda refused the invocation before running the function; see the error type.',
    docs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
  },
  INTEGRATION_TIMEOUT: {
    kind: 'gateway',
    title: 'Integration timed out',
    status: 504,
    responseType: 'INTEGRATION_TIMEOUT',
    // Body spacing and x-amzn-ErrorType are not recorded for 504; chosen like the other integration
    // failures (docs/research/aws-recorded-responses.md §3).
    body: '{"message": "Endpoint request timed out"}',
    errorType: 'InternalServerErrorException',
    awsLog: 'Execution failed due to a timeout error',
    confidence: 'documented',
    hint: 'API Gateway stopped waiting after the integration timeout (TimeoutInMillis, default 29000 ms). The function keeps running until its own Timeout. Make the function faster, or lower its Timeout below the integration timeout so it fails as a function error you can see.',
    docs: 'https://repost.aws/knowledge-center/api-gateway-504-errors',
  },
  BASE64_DECODE_FAILED: {
    kind: 'gateway',
    title: 'isBase64Encoded body is not valid base64',
    status: 500,
    responseType: 'API_CONFIGURATION_ERROR',
    body: INTERNAL_SERVER_ERROR,
    errorType: 'InternalServerErrorException',
    awsLog: 'Execution failed due to configuration error: Unable to base64 decode the body.',
    confidence: 'recorded',
    hint: "The function said isBase64Encoded: true but body is not strict base64. Return Buffer.from(bytes).toString('base64').",
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html',
  },
  HTTP_NOT_FOUND: {
    kind: 'gateway',
    title: 'No route matches the request (HTTP API)',
    status: 404,
    body: '{"message":"Not Found"}',
    awsLog: null,
    confidence: 'documented',
    hint: 'HTTP APIs answer 404 when no route (METHOD /path, ANY /path or $default) matches. Named stages are the first path segment; the $default stage is served from the root.',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html',
  },
  HTTP_LAMBDA_FUNCTION_ERROR: {
    kind: 'gateway',
    title: 'The function failed (HTTP API)',
    status: 500,
    body: HTTP_INTERNAL_SERVER_ERROR,
    awsLog: 'integrationErrorMessage: {errorType}: {errorMessage}',
    confidence: 'recorded',
    hint: 'A thrown error, a crash, a function timeout or an oversized result reach an HTTP API as a function error, answered 500. Catch errors in the handler and return { statusCode, body } to control the answer.',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html',
  },
  HTTP_MALFORMED_LAMBDA_RESPONSE: {
    kind: 'gateway',
    title: 'Lambda response does not fit payload format 1.0 (HTTP API)',
    status: 500,
    body: HTTP_INTERNAL_SERVER_ERROR,
    awsLog: "integrationErrorMessage: The response from the Lambda function doesn't match the format that API Gateway expects.",
    confidence: 'documented',
    hint: 'With payload format 1.0 an HTTP API makes no assumptions: return { statusCode, headers?, multiValueHeaders?, body?, isBase64Encoded? } with a string body. Format 2.0 infers a response from any JSON.',
    docs: 'https://repost.aws/knowledge-center/api-gateway-status-codes-http-api',
  },
  HTTP_SERVICE_UNAVAILABLE: {
    kind: 'gateway',
    title: 'Integration timed out or Lambda throttled (HTTP API)',
    status: 503,
    body: '{"message":"Service Unavailable"}',
    awsLog: 'integrationErrorMessage: {reason}',
    // Recorded (raw captures, docs/research/http-api-behaviour.md §4): 503 for both the 30 s timeout and
    // throttling. The Knowledge Center article says 504 for timeouts; the captures win.
    confidence: 'recorded',
    hint: 'The function did not answer within the integration timeout (TimeoutInMillis, at most 30 s), or Lambda throttled it (ReservedConcurrentExecutions). The function keeps running until its own Timeout.',
    docs: 'https://repost.aws/knowledge-center/api-gateway-status-codes-http-api',
  },
  HTTP_REQUEST_TOO_LARGE: {
    kind: 'gateway',
    title: 'Request payload or Lambda event too large (HTTP API)',
    status: 413,
    body: '{"message":"Request Entity Too Large"}',
    awsLog: null,
    confidence: 'inferred',
    hint: "HTTP APIs accept 10 MB payloads, and the event must fit Lambda's 6 MB invoke limit (base64 grows binary bodies by 4/3). Upload large files to S3 with a presigned URL.",
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html',
  },
  BASE64_TEXT_INSTEAD_OF_BINARY: {
    kind: 'notice',
    title: 'Binary body sent to the client as base64 text',
    awsLog: null,
    confidence: 'recorded',
    hint: "API Gateway decodes an isBase64Encoded body only when the FIRST media type of the request's Accept header matches the API's binaryMediaTypes. Add that type to BinaryMediaTypes (SAM spelling image~1png), redeploy, or have the client send Accept with that type first.",
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/lambda-proxy-binary-media.html',
  },
  REQUEST_BODY_BASE64_ENCODED: {
    kind: 'notice',
    title: 'Request body passed to the function base64-encoded',
    awsLog: null,
    confidence: 'documented',
    hint: 'The request Content-Type matches binaryMediaTypes, so the function receives the body base64-encoded with isBase64Encoded: true. A `*/*` entry makes this happen to JSON bodies too.',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html',
  },
  REQUEST_BODY_NOT_UTF8: {
    kind: 'notice',
    title: 'Binary request body corrupted into text',
    awsLog: null,
    confidence: 'recorded',
    hint: 'The request body is not valid UTF-8 and its Content-Type is not in binaryMediaTypes, so API Gateway replaced the invalid bytes with U+FFFD before the function saw it. Add the Content-Type to BinaryMediaTypes.',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html',
  },
  CORS_WOULD_BLOCK: {
    kind: 'notice',
    title: 'A browser would block this cross-origin response',
    awsLog: null,
    confidence: 'documented',
    hint: 'REST APIs add no CORS headers by themselves. With a Lambda proxy integration the function must return Access-Control-Allow-Origin (and the preflight needs an OPTIONS method: SAM Cors, a MOCK integration, or ANY /{proxy+} handling OPTIONS).',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html',
  },
  RESPONSE_HEADER_DROPPED: {
    kind: 'notice',
    title: 'Response header not sent',
    awsLog: null,
    confidence: 'inferred',
    hint: 'Header values must not contain control characters (CR, LF, NUL). gatehouse never writes such a value to the wire; what AWS does with it is not established.',
    docs: 'https://www.rfc-editor.org/rfc/rfc9110#section-5.5',
  },
  RESPONSE_HEADER_REMAPPED: {
    kind: 'notice',
    title: 'Reserved response header renamed to x-amzn-Remapped-*',
    awsLog: null,
    confidence: 'inferred',
    hint: 'API Gateway owns Content-Length, Connection, Date, Server and Transfer-Encoding; a value the integration returns for them reaches the client as x-amzn-Remapped-<name> (recorded for HTTP integrations; assumed for Lambda proxy).',
    docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html',
  },
} as const satisfies Record<string, FailureSpec>;

export type FailureCode = keyof typeof failures;
export type GatewayFailureCode = {
  [K in FailureCode]: (typeof failures)[K]['kind'] extends 'gateway' ? K : never;
}[FailureCode];
export type NoticeCode = Exclude<FailureCode, GatewayFailureCode>;
