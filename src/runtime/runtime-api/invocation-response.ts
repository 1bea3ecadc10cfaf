import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './read-body.js';
import {
  MAX_RESPONSE_PAYLOAD_BYTES,
  renderAccepted,
  renderInvalidRequestId,
  renderInvalidStateTransition,
  renderRequestEntityTooLarge,
} from './render.js';
import type { RuntimeApiContext } from './runtime-api-context.js';

/**
 * POST /2018-06-01/runtime/invocation/{AwsRequestId}/response
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-response
 * RIE: `rapi/middleware` AwsRequestIDValidator (400) runs before the state machine (403);
 * `rapi/handler/invocationresponse.go`: over 6,291,556 bytes → 413, the invoke fails with
 * Function.ResponseSizeTooLarge and the runtime may carry on with /next (lambda.md §2.2, §2.5).
 */
export async function invocationResponse(
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
  const outcome = ctx.state.transition('invocationResponse');
  if (!outcome.ok) {
    req.resume();
    renderInvalidStateTransition(res, outcome.from, outcome.to);
    return;
  }
  const body = await readBody(req, MAX_RESPONSE_PAYLOAD_BYTES);
  ctx.state.transition('responseSent');
  if (body.kind === 'too-large') {
    ctx.events.onResponseTooLarge(requestId);
    renderRequestEntityTooLarge(res);
    return;
  }
  ctx.events.onInvocationResponse(requestId, body.body);
  renderAccepted(res);
}
