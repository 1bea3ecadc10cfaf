import type { InvokeReport, InvokeResult } from './runtime.js';

/**
 * A payload that reached gatehouse as text (a thread environment posts its JSON as a string; the gateway
 * serialises each event as text) is kept with its bytes, so whoever reads it as text does not decode bytes that
 * were just encoded. Bytes and text are the same payload; anything reading the bytes is unaffected.
 */
const texts = new WeakMap<Buffer, string>();

/** A payload made as text (an event gatehouse serialised): its UTF-8 bytes, which remember the text. */
export function textPayload(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  texts.set(bytes, text);
  return bytes;
}

/** The payload as UTF-8 text: the text it arrived as, or its bytes decoded. */
export function payloadText(payload: Buffer): string {
  return texts.get(payload) ?? payload.toString('utf8');
}

/**
 * A payload as the Runtime API received it: bytes (HTTP, the pipe) or the text a thread environment posted.
 * Text stays text until something needs its bytes.
 */
export type PostedPayload = Buffer | string;

/** The payload's UTF-8 bytes (encoded here when it arrived as text). */
export function postedBytes(payload: PostedPayload): Buffer {
  return typeof payload === 'string' ? textPayload(payload) : payload;
}

/**
 * The successful invoke of a posted payload. A payload that arrived as text gets its bytes only when `payload` is
 * first read (the Invoke API, a non-proxy integration): a Lambda proxy integration reads the text
 * (`invokeResultText`), and for a 1 MiB binary body, base64 in JSON, encoding 1.4 MB as UTF-8 it never reads
 * would cost the gateway's thread ~0.8 ms per response (measured). `payload` is an own enumerable getter, so a
 * spread, `toEqual` or JSON.stringify of the result sees the bytes as before.
 */
export function successResult(posted: PostedPayload, report: InvokeReport): Extract<InvokeResult, { kind: 'success' }> {
  if (typeof posted !== 'string') return { kind: 'success', payload: posted, report };
  return new TextSuccess(posted, report);
}

/** The payload of an invoke's result as UTF-8 text, without making bytes that only exist as text. */
export function invokeResultText(result: InvokeResult & { readonly payload: Buffer }): string {
  return postedTextOf(result) ?? payloadText(result.payload);
}

let postedTextOf: (result: object) => string | undefined;
let lazyPayload: (this: TextSuccess) => Buffer;

/**
 * A success whose payload arrived as text, kept in private fields (invisible to a spread, `toEqual` or JSON).
 * A class rather than an object literal with a `get payload()` closure: V8 defines such a literal's accessor at
 * run time and turns the result into a slow dictionary object, and the text then needed a WeakMap entry (~1 µs
 * of the gateway's thread per invoke, measured). Here every result has the same shape and the same getter.
 */
class TextSuccess {
  readonly kind = 'success';
  declare readonly payload: Buffer;
  declare readonly report: InvokeReport;
  readonly #text: string;
  #bytes: Buffer | undefined;

  constructor(text: string, report: InvokeReport) {
    this.#text = text;
    // Own and enumerable, in the literal's key order (kind, payload, report); one shared getter keeps one shape.
    Object.defineProperty(this, 'payload', PAYLOAD_PROPERTY);
    this.report = report;
  }

  static {
    postedTextOf = (result) => (#text in result ? result.#text : undefined);
    lazyPayload = function (this: TextSuccess) {
      this.#bytes ??= postedBytes(this.#text);
      return this.#bytes;
    };
  }
}

const PAYLOAD_PROPERTY: PropertyDescriptor = { get: lazyPayload, enumerable: true, configurable: true };
