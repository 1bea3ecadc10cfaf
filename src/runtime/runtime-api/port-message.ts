/**
 * The messages on the Runtime API port of a runtime thread (decision 0004); `runtime-clients/node/port-message.mjs`
 * is the other end and must agree with this file. A message carries frames of the pipe's operations (`PipeOp`) in
 * one of two forms:
 *
 *   text:  a string of frames, each  op ' ' heapBytes ' ' bodyLength ' ' meta '\n' body
 *          (heapBytes empty when absent, bodyLength in UTF-16 units and empty for no body, meta without '\n')
 *   list:  an array of frames, each  [op, meta, body, heapBytes?, headers?]
 *
 * The text form is the common one (an event; a response with its next /next): a message that is one string costs
 * each thread about 1 µs less to clone than arrays of strings (measured on this VM, 8 threads). The list form
 * carries what a string cannot: bytes (a Buffer's output or streamed response), the headers of an error post,
 * and bodies over `TEXT_BODY_LIMIT`, which a concatenated string would copy once more.
 *
 * `meta` depends on the operation: the request id (response, error), the file descriptor `1` or `2` (output),
 * the signal's name (signal), the /next headers as JSON (invocation), `{status}` (reply), `{env, cwd}`
 * (assignment), or empty.
 */

export type PortBody = string | Uint8Array | undefined;

/** Lower-case header names, as the HTTP server sees them; only on error and init-error frames. */
export type PortHeaders = Readonly<Record<string, string>>;

export type ListFrame = readonly [op: number, meta: string, body: PortBody, heapBytes?: number, headers?: PortHeaders];

export type PortMessage = string | readonly ListFrame[];

export type PortFrameListener = (
  op: number,
  meta: string,
  body: PortBody,
  heapBytes: number | undefined,
  headers: PortHeaders | undefined,
) => void;

/** Longer bodies travel as list frames. */
export const TEXT_BODY_LIMIT = 64 * 1024;

/** One frame for the thread: text unless its body is long. */
export function encodePortFrame(op: number, meta: string, body: string | undefined): PortMessage {
  if (body !== undefined && body.length > TEXT_BODY_LIMIT) return [[op, meta, body]];
  return body === undefined ? `${op}   ${meta}\n` : `${op}  ${body.length} ${meta}\n${body}`;
}

/** Calls `onFrame` for each frame of a message from the thread, in order. */
export function readPortMessage(message: PortMessage, onFrame: PortFrameListener): void {
  if (typeof message !== 'string') {
    for (const [op, meta, body, heapBytes, headers] of message) onFrame(op, meta, body, heapBytes, headers);
    return;
  }
  let at = 0;
  while (at < message.length) {
    const heapAt = message.indexOf(' ', at) + 1;
    const lengthAt = message.indexOf(' ', heapAt) + 1;
    const metaAt = message.indexOf(' ', lengthAt) + 1;
    const bodyAt = message.indexOf('\n', metaAt) + 1;
    // Both ends are gatehouse's: a frame that does not parse is a bug, and the rest of the message is dropped.
    if (heapAt === 0 || lengthAt === 0 || metaAt === 0 || bodyAt === 0) return;
    const bodyLength = decimalAt(message, lengthAt, metaAt - 1);
    const end = bodyAt + (bodyLength ?? 0);
    onFrame(
      decimalAt(message, at, heapAt - 1) ?? 0,
      message.slice(metaAt, bodyAt - 1),
      bodyLength === undefined ? undefined : message.slice(bodyAt, end),
      decimalAt(message, heapAt, lengthAt - 1),
      undefined,
    );
    at = end;
  }
}

/** The decimal number in `text[from, to)`, read in place (no substring per field); undefined when empty. */
function decimalAt(text: string, from: number, to: number): number | undefined {
  if (from === to) return undefined;
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}
