import type { ServerResponse } from 'node:http';
import { describeRefusedTransition, type RuntimeStateName } from './environment-state.js';
import type { RuntimeApiReply } from './runtime-api-context.js';

/**
 * Response bodies exactly as RIE renders them (`internal/lambda/rapi/rendering/render_error.go`,
 * `rendering.go` RenderAccepted), as transport-neutral replies; `writeHttpReply` puts one on the wire.
 */
export const MAX_RESPONSE_PAYLOAD_BYTES = 6 * 1024 * 1024 + 100; // RIE interop/model.go MaxPayloadSize

function jsonReply(status: number, body: unknown): RuntimeApiReply {
  return { status, body: Buffer.from(JSON.stringify(body)) };
}

const ACCEPTED = jsonReply(202, { status: 'OK' });
const INVALID_REQUEST_ID = jsonReply(400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
const REQUEST_ENTITY_TOO_LARGE = jsonReply(413, {
  errorMessage: `Exceeded maximum allowed payload size (${MAX_RESPONSE_PAYLOAD_BYTES} bytes).`,
  errorType: 'RequestEntityTooLarge',
});

export function renderAccepted(): RuntimeApiReply {
  return ACCEPTED;
}

export function renderInvalidRequestId(): RuntimeApiReply {
  return INVALID_REQUEST_ID;
}

export function renderInvalidStateTransition(from: RuntimeStateName, to: RuntimeStateName): RuntimeApiReply {
  return jsonReply(403, { errorMessage: describeRefusedTransition(from, to), errorType: 'InvalidStateTransition' });
}

export function renderRequestEntityTooLarge(): RuntimeApiReply {
  return REQUEST_ENTITY_TOO_LARGE;
}

export function writeHttpReply(res: ServerResponse, reply: RuntimeApiReply): void {
  res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': reply.body.length });
  res.end(reply.body);
}

export function renderNotFound(res: ServerResponse): void {
  // RIE uses chi's default 404, a plain-text body.
  const text = '404 page not found\n';
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': text.length });
  res.end(text);
}

export function renderMethodNotAllowed(res: ServerResponse): void {
  res.writeHead(405, { 'Content-Length': 0 });
  res.end();
}
