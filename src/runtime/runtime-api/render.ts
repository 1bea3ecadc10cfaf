import type { ServerResponse } from 'node:http';
import { describeRefusedTransition, type RuntimeStateName } from './environment-state.js';

/**
 * Response bodies exactly as RIE renders them (`internal/lambda/rapi/rendering/render_error.go`,
 * `rendering.go` RenderAccepted).
 */
export const MAX_RESPONSE_PAYLOAD_BYTES = 6 * 1024 * 1024 + 100; // RIE interop/model.go MaxPayloadSize

export function renderJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function renderAccepted(res: ServerResponse): void {
  renderJson(res, 202, { status: 'OK' });
}

export function renderInvalidRequestId(res: ServerResponse): void {
  renderJson(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
}

export function renderInvalidStateTransition(res: ServerResponse, from: RuntimeStateName, to: RuntimeStateName): void {
  renderJson(res, 403, {
    errorMessage: describeRefusedTransition(from, to),
    errorType: 'InvalidStateTransition',
  });
}

export function renderRequestEntityTooLarge(res: ServerResponse): void {
  renderJson(res, 413, {
    errorMessage: `Exceeded maximum allowed payload size (${MAX_RESPONSE_PAYLOAD_BYTES} bytes).`,
    errorType: 'RequestEntityTooLarge',
  });
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
