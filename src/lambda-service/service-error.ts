import type { ServiceResponse } from './service-message.js';

/**
 * A Lambda service-level error (the Invoke API refused; not a function error), rendered as AWS REST-JSON:
 * the status, the error code in `x-amzn-ErrorType`, and a JSON body `{"Type":"User","message":...}`.
 * AWS: lambda.md §3.3; https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
 */
export class LambdaServiceError extends Error {
  constructor(
    readonly status: number,
    /** `ResourceNotFoundException`, `TooManyRequestsException`, ... (the `x-amzn-ErrorType` header). */
    readonly errorType: string,
    message: string,
    /** `Reason` of a TooManyRequestsException, e.g. `ReservedFunctionConcurrentInvocationLimitExceeded`. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'LambdaServiceError';
  }
}

/**
 * Lambda's API model spells the message member `Message` for these errors and `message` for the rest; the SDK
 * reads either, but callers that read the body (or `error.Message` in boto3) see the casing AWS sends.
 * Recorded: LS test_invoke_exceptions (ResourceNotFoundException → `Message`), test_lambda_concurrency_block and
 * test_lambda_invoke_payload_encoding_error (`message`). Model: @aws-sdk/client-lambda error schemas.
 */
const capitalMessage: ReadonlySet<string> = new Set([
  'ResourceNotFoundException',
  'InvalidRuntimeException',
  'ServiceException',
  'ResourceConflictException',
]);

/** The HTTP response for a service error; `requestId` is the API request's id (`x-amzn-RequestId`). */
export function renderServiceError(error: LambdaServiceError, requestId: string): ServiceResponse {
  const messageKey = capitalMessage.has(error.errorType) ? 'Message' : 'message';
  // Recorded 429 body: {"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}
  const body: Record<string, string> = {
    ...(error.reason !== undefined ? { Reason: error.reason } : {}),
    Type: error.status >= 500 && error.errorType === 'ServiceException' ? 'Service' : 'User',
    [messageKey]: error.message,
  };
  return {
    status: error.status,
    headers: [
      ['Content-Type', 'application/json'],
      ['x-amzn-RequestId', requestId],
      ['x-amzn-ErrorType', error.errorType],
    ],
    body: Buffer.from(JSON.stringify(body), 'utf8'),
  };
}
