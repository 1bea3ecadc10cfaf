import { postedBytes } from '../payload-text.js';
import type { ReadBodyResult } from './read-body.js';
import { renderAccepted, renderInvalidRequestId, renderInvalidStateTransition } from './render.js';
import type { RuntimeApiContext, RuntimeApiReply, RuntimeApiRequest } from './runtime-api-context.js';

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
export function invocationError(ctx: RuntimeApiContext, req: RuntimeApiRequest): RuntimeApiReply | Promise<RuntimeApiReply> {
  const { requestId } = req;
  if (requestId === '' || requestId !== ctx.currentInvokeId) {
    req.discardBody();
    return renderInvalidRequestId();
  }
  const outcome = ctx.state.transition('invocationErrorResponse');
  if (!outcome.ok) {
    req.discardBody();
    return renderInvalidStateTransition(outcome.from, outcome.to);
  }
  const finish = (read: ReadBodyResult): RuntimeApiReply => {
    const body = read.kind === 'complete' ? postedBytes(read.body) : Buffer.alloc(0);
    const payload = req.header('content-type') === ERROR_WITH_CAUSE_CONTENT_TYPE ? stripErrorCause(body) : body;
    ctx.state.transition('responseSent');
    ctx.events.onInvocationError(requestId, payload, req.header('lambda-runtime-function-error-type'));
    return renderAccepted();
  };
  const read = req.readBody(MAX_ERROR_BODY_BYTES);
  return read instanceof Promise ? read.then(finish) : finish(read);
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
