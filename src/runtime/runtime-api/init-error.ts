import type { IncomingMessage, ServerResponse } from 'node:http';
import { functionErrorType } from './invocation-error.js';
import { readBody } from './read-body.js';
import { MAX_RESPONSE_PAYLOAD_BYTES, renderAccepted, renderInvalidStateTransition } from './render.js';
import type { RuntimeApiContext } from './runtime-api-context.js';

/**
 * POST /2018-06-01/runtime/init/error: only allowed before the first /next (RIE `RuntimeStartedState`).
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-initerror
 * The invoke that triggered init gets the posted body as its payload (lambda.md §2.4; RIE `initerror.go`).
 */
export async function initError(ctx: RuntimeApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const outcome = ctx.state.transition('initError');
  if (!outcome.ok) {
    req.resume();
    renderInvalidStateTransition(res, outcome.from, outcome.to);
    return;
  }
  const read = await readBody(req, MAX_RESPONSE_PAYLOAD_BYTES);
  ctx.events.onInitError(read.kind === 'complete' ? read.body : Buffer.alloc(0), functionErrorType(req));
  renderAccepted(res);
}
