/**
 * A result payload that reached gatehouse as text (a thread environment posts its JSON as a string) is kept
 * with its bytes, so the gateway, which reads the payload as text, does not decode bytes it just encoded: for a
 * 1 MiB binary body in base64 that is ~1.4 ms of the gateway's thread per response. Bytes and text are the same
 * payload; anything reading the bytes (the Invoke API) is unaffected.
 */
const texts = new WeakMap<Buffer, string>();

export function rememberPayloadText(payload: Buffer, text: string): void {
  texts.set(payload, text);
}

/** The payload as UTF-8 text: the text it arrived as, or its bytes decoded. */
export function payloadText(payload: Buffer): string {
  return texts.get(payload) ?? payload.toString('utf8');
}
