import type { InvocationType } from './invoke-payload.js';
import { LambdaServiceError } from './service-error.js';
import { headerValue, type ServiceRequest } from './service-message.js';

/**
 * Invoke's request headers (API_Invoke.html "Request Syntax"): X-Amz-Invocation-Type, X-Amz-Log-Type,
 * X-Amz-Client-Context, plus the X-Ray header X-Amzn-Trace-Id.
 */
export interface InvokeHeaders {
  readonly invocationType: InvocationType;
  readonly logType: 'None' | 'Tail';
  /** The decoded client context JSON (the header carries it base64-encoded). */
  readonly clientContext: string | undefined;
  readonly traceId: string | undefined;
}

const INVOCATION_TYPES: readonly InvocationType[] = ['Event', 'RequestResponse', 'DryRun'];
const LOG_TYPES = ['None', 'Tail'] as const;

export function readInvokeHeaders(request: ServiceRequest): InvokeHeaders {
  const invocationType = headerValue(request, 'X-Amz-Invocation-Type') ?? 'RequestResponse';
  if (!isOneOf(invocationType, INVOCATION_TYPES)) throw enumError(invocationType, 'invocationType', INVOCATION_TYPES);
  const logType = headerValue(request, 'X-Amz-Log-Type') ?? 'None';
  if (!isOneOf(logType, LOG_TYPES)) throw enumError(logType, 'logType', LOG_TYPES);
  return {
    invocationType,
    logType,
    clientContext: decodeClientContext(headerValue(request, 'X-Amz-Client-Context')),
    traceId: headerValue(request, 'X-Amzn-Trace-Id'),
  };
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

/** AWS's validation wording (as LocalStack reproduces it for logType); not recorded for Invoke. */
function enumError(value: string, member: string, allowed: readonly string[]): LambdaServiceError {
  return new LambdaServiceError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ` +
      `Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
}

/** AWS: "Up to 3,583 bytes of base64-encoded data about the invoking client to pass to the function". */
function decodeClientContext(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const text = Buffer.from(header, 'base64').toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    // Not recorded; the wording is gatehouse's.
    throw new LambdaServiceError(
      400,
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object.',
    );
  }
  return text;
}
