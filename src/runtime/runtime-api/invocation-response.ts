import type { ReadBodyResult } from './read-body.js';
import {
  MAX_RESPONSE_PAYLOAD_BYTES,
  renderAccepted,
  renderInvalidRequestId,
  renderInvalidStateTransition,
  renderRequestEntityTooLarge,
} from './render.js';
import type { RuntimeApiContext, RuntimeApiReply, RuntimeApiRequest } from './runtime-api-context.js';

/**
 * POST /2018-06-01/runtime/invocation/{AwsRequestId}/response
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-response
 * RIE: `rapi/middleware` AwsRequestIDValidator (400) runs before the state machine (403);
 * `rapi/handler/invocationresponse.go`: over 6,291,556 bytes → 413, the invoke fails with
 * Function.ResponseSizeTooLarge and the runtime may carry on with /next (lambda.md §2.2, §2.5).
 * Synchronous when the body is already in memory (a pipe frame), so frames are handled strictly in order.
 */
export function invocationResponse(ctx: RuntimeApiContext, req: RuntimeApiRequest): RuntimeApiReply | Promise<RuntimeApiReply> {
  const { requestId } = req;
  if (requestId === '' || requestId !== ctx.currentInvokeId) {
    req.discardBody();
    return renderInvalidRequestId();
  }
  const outcome = ctx.state.transition('invocationResponse');
  if (!outcome.ok) {
    req.discardBody();
    return renderInvalidStateTransition(outcome.from, outcome.to);
  }
  const finish = (body: ReadBodyResult): RuntimeApiReply => {
    ctx.state.transition('responseSent');
    if (body.kind === 'too-large') {
      ctx.events.onResponseTooLarge(requestId);
      return renderRequestEntityTooLarge();
    }
    ctx.events.onInvocationResponse(requestId, body.body);
    return renderAccepted();
  };
  const read = req.readBody(MAX_RESPONSE_PAYLOAD_BYTES);
  return read instanceof Promise ? read.then(finish) : finish(read);
}
