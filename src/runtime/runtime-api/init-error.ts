import { postedBytes } from '../payload-text.js';
import type { ReadBodyResult } from './read-body.js';
import { MAX_RESPONSE_PAYLOAD_BYTES, renderAccepted, renderInvalidStateTransition } from './render.js';
import type { RuntimeApiContext, RuntimeApiReply, RuntimeApiRequest } from './runtime-api-context.js';

/**
 * POST /2018-06-01/runtime/init/error: only allowed before the first /next (RIE `RuntimeStartedState`).
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-initerror
 * The invoke that triggered init gets the posted body as its payload (lambda.md §2.4; RIE `initerror.go`).
 */
export function initError(ctx: RuntimeApiContext, req: RuntimeApiRequest): RuntimeApiReply | Promise<RuntimeApiReply> {
  const outcome = ctx.state.transition('initError');
  if (!outcome.ok) {
    req.discardBody();
    return renderInvalidStateTransition(outcome.from, outcome.to);
  }
  const finish = (read: ReadBodyResult): RuntimeApiReply => {
    ctx.events.onInitError(
      read.kind === 'complete' ? postedBytes(read.body) : Buffer.alloc(0),
      req.header('lambda-runtime-function-error-type'),
    );
    return renderAccepted();
  };
  const read = req.readBody(MAX_RESPONSE_PAYLOAD_BYTES);
  return read instanceof Promise ? read.then(finish) : finish(read);
}
