// @ts-check
/**
 * The messages on the Runtime API port (decision 0004), this thread's end: `src/runtime/runtime-api/port-message.ts`
 * is the other and describes the two forms. In short: a string of text frames
 * `op ' ' heapBytes ' ' bodyLength ' ' meta '\n' body`, or an array of list frames `[op, meta, body, heapBytes?,
 * headers?]` when a frame carries bytes, headers or a body over TEXT_BODY_LIMIT (a string would cost one copy more).
 */

/** @typedef {[op: number, meta: string, body: string | Uint8Array | undefined, heapBytes?: number, headers?: Record<string, string>]} ListFrame */

const TEXT_BODY_LIMIT = 64 * 1024;

/** The frames as one message: text when each of them can be. @param {ListFrame[]} frames @returns {string | ListFrame[]} */
export function encodePortMessage(frames) {
  let text = '';
  for (const [op, meta, body, heapBytes, headers] of frames) {
    if (typeof body === 'object' || headers !== undefined || meta.includes('\n')) return frames;
    if (body !== undefined && body.length > TEXT_BODY_LIMIT) return frames;
    text += `${op} ${heapBytes ?? ''} ${body === undefined ? '' : body.length} ${meta}\n${body ?? ''}`;
  }
  return text;
}

/** gatehouse sends one frame per message. @param {string | ListFrame[]} message @returns {ListFrame} */
export function decodePortMessage(message) {
  if (typeof message !== 'string') return /** @type {ListFrame} */ (message[0]);
  const lengthAt = message.indexOf(' ', message.indexOf(' ') + 1) + 1;
  const metaAt = message.indexOf(' ', lengthAt) + 1;
  const bodyAt = message.indexOf('\n', metaAt) + 1;
  const op = Number(message.slice(0, message.indexOf(' ')));
  const meta = message.slice(metaAt, bodyAt - 1);
  return [op, meta, lengthAt + 1 === metaAt ? undefined : message.slice(bodyAt)];
}
