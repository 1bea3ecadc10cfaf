import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './read-body.js';
import { renderAccepted, renderInvalidRequestId, renderInvalidStateTransition } from './render.js';
import type { RuntimeApiContext } from './runtime-api-context.js';

/** RIE `rapi/handler/mime_type_error_cause_json.go`. */
const ERROR_WITH_CAUSE_CONTENT_TYPE = 'application/vnd.aws.lambda.error.cause+json';
/** RIE reads at most this much of an error body (`invocationerror.go` uses the same payload limit). */
const MAX_ERROR_BODY_BYTES = 6 * 1024 * 1024 + 100;

/**
 * POST /2018-06-01/runtime/invocation/{AwsRequestId}/error
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-invokeerror
 * The body is passed through unchanged as the invoke payload (lambda.md §2.3; RIE `invocationerror.go`),
 * except that the `errorCause` of the error-cause content type is stripped.
 */
export async function invocationError(
  ctx: RuntimeApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  if (requestId === '' || requestId !== ctx.currentInvokeId) {
    req.resume();
    renderInvalidRequestId(res);
    return;
  }
  const outcome = ctx.state.transition('invocationErrorResponse');
  if (!outcome.ok) {
    req.resume();
    renderInvalidStateTransition(res, outcome.from, outcome.to);
    return;
  }
  const read = await readBody(req, MAX_ERROR_BODY_BYTES);
  const body = read.kind === 'complete' ? read.body : Buffer.alloc(0);
  const payload = req.headers['content-type'] === ERROR_WITH_CAUSE_CONTENT_TYPE ? stripErrorCause(body) : body;
  ctx.state.transition('responseSent');
  ctx.events.onInvocationError(requestId, payload, functionErrorType(req));
  renderAccepted(res);
}

export function functionErrorType(req: IncomingMessage): string | undefined {
  const value = req.headers['lambda-runtime-function-error-type'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stripErrorCause(body: Buffer): Buffer {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
    const { errorCause: _cause, ...rest } = parsed as Record<string, unknown>;
    return Buffer.from(JSON.stringify(rest));
  } catch {
    return body;
  }
}
