import { LambdaServiceError } from './service-error.js';
import type { RequestBody } from './service-message.js';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/**
 * AWS: "For synchronous invocations, the maximum payload size is 6 MB. For asynchronous invocations, the maximum
 * payload size is 1 MB." (API_Invoke.html); 6 MB = 6,291,456 bytes (lambda.md §3.3).
 */
export const MAX_PAYLOAD_BYTES: Readonly<Record<InvocationType, number>> = {
  RequestResponse: 6 * 1024 * 1024,
  DryRun: 6 * 1024 * 1024,
  Event: 1024 * 1024,
};

/** The largest body the service reads into memory; anything longer is only counted. */
export const MAX_BODY_BYTES = MAX_PAYLOAD_BYTES.RequestResponse;

/**
 * 413 for an oversized event. The code is `RequestEntityTooLargeException` (not the model's
 * `RequestTooLargeException`). Recorded in issue threads: "Request must be smaller than 6291456 bytes for the
 * InvokeFunction operation (Service: AWSLambda; Status Code: 413; Error Code: RequestEntityTooLargeException)"
 * (awslabs/aws-athena-query-federation#793, 2022; pelmers/streetwarp-web#14, 2024) and, for Event,
 * "264496 byte payload is too large for the Event invocation type (limit 262144 bytes)" (ASFHyP3/hyp3#2241,
 * 2024, before the limit became 1 MB). lambda.md §3.5 lists the message as unrecorded in LS.
 */
export function checkPayloadSize(body: RequestBody, invocationType: InvocationType): void {
  const limit = MAX_PAYLOAD_BYTES[invocationType];
  if (body.length <= limit) return;
  const message =
    invocationType === 'Event'
      ? `${body.length} byte payload is too large for the Event invocation type (limit ${limit} bytes)`
      : `Request must be smaller than ${limit} bytes for the InvokeFunction operation`;
  throw new LambdaServiceError(413, 'RequestEntityTooLargeException', message);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The event must be JSON (UTF-8). Recorded (LS test_lambda_invoke_payload_encoding_error, 2025-11-24): 400
 * InvalidRequestContentException `Could not parse request body into json: Could not parse payload into json:
 * <parser detail>`; AWS's detail comes from its Java JSON parser, ours from JSON.parse.
 * An empty body is the event `{}`, as `sam local start-lambda` does (samcli local_lambda_invoke_service.py).
 */
export function readPayload(body: RequestBody): Buffer {
  const bytes = body.bytes ?? Buffer.alloc(0);
  if (bytes.length === 0) return Buffer.from('{}');
  try {
    JSON.parse(strictUtf8.decode(bytes));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new LambdaServiceError(
      400,
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${detail}`,
    );
  }
  return bytes;
}
