/**
 * contentHandling: API Gateway's text ⇄ binary conversions for non-proxy integrations.
 * AWS (documented, api-gateway-payload-encodings-workflow.html; recorded with an S3 integration,
 * test_apigateway_s3.py; ../shared/aws/api-gateway.md §5.3). "When converting a text payload to a binary blob,
 * API Gateway assumes that the text data is a base64-encoded string ... If the conversion fails, it returns a
 * 500 response"; decoding is strict.
 */
import type { ContentHandling } from '../../model/integration.js';
import { decodeBase64Strict } from '../../pipeline/binary/base64.js';

export interface Payload {
  readonly bytes: Buffer;
  /** True when the payload is a binary blob (its type is in binaryMediaTypes), false for text. */
  readonly binary: boolean;
}

export type Conversion =
  | { readonly ok: true; readonly payload: Payload; readonly rule: string }
  | { readonly ok: false; readonly rule: string };

/**
 * Integration request. `binaryType`: the request Content-Type matches binaryMediaTypes.
 * text + CONVERT_TO_BINARY → base64-decoded blob; binary + CONVERT_TO_TEXT → base64 text; otherwise unchanged.
 */
export function convertRequestPayload(body: Buffer, binaryType: boolean, handling: ContentHandling | undefined): Conversion {
  if (!binaryType) {
    if (handling !== 'CONVERT_TO_BINARY')
      return { ok: true, payload: { bytes: body, binary: false }, rule: 'text passed as text' };
    return decode(body.toString('utf8'), 'text body with CONVERT_TO_BINARY is base64-decoded');
  }
  if (handling === 'CONVERT_TO_TEXT') {
    return {
      ok: true,
      payload: { bytes: Buffer.from(body.toString('base64'), 'utf8'), binary: false },
      rule: 'binary body with CONVERT_TO_TEXT is base64-encoded',
    };
  }
  return { ok: true, payload: { bytes: body, binary: true }, rule: 'binary body passed as bytes' };
}

/**
 * Integration response. `binaryAccept`: the first Accept media type matches binaryMediaTypes.
 * | payload | Accept | contentHandling   | client receives        |
 * | text    | any    | CONVERT_TO_BINARY | base64-decoded blob    |
 * | text    | binary | undefined         | base64-decoded blob    |
 * | text    | any    | CONVERT_TO_TEXT   | text                   |
 * | text    | text   | undefined         | text                   |
 * | binary  | any    | CONVERT_TO_TEXT   | base64-encoded string  |
 * | binary  | any    | CONVERT_TO_BINARY | binary                 |
 * | binary  | binary | undefined         | binary                 |
 * | binary  | text   | undefined         | base64-encoded string  |
 */
export function convertResponsePayload(
  payload: Payload,
  binaryAccept: boolean,
  handling: ContentHandling | undefined,
): Conversion {
  if (!payload.binary) {
    if (handling === 'CONVERT_TO_BINARY')
      return decode(payload.bytes.toString('utf8'), 'text result with CONVERT_TO_BINARY is base64-decoded');
    if (handling === undefined && binaryAccept) {
      return decode(payload.bytes.toString('utf8'), 'text result with a binary Accept and no contentHandling is base64-decoded');
    }
    return { ok: true, payload, rule: 'text result passed as text' };
  }
  if (handling === 'CONVERT_TO_TEXT' || (handling === undefined && !binaryAccept)) {
    return {
      ok: true,
      payload: { bytes: Buffer.from(payload.bytes.toString('base64'), 'utf8'), binary: false },
      rule:
        handling === undefined
          ? 'binary result with a text Accept is base64-encoded'
          : 'binary result with CONVERT_TO_TEXT is base64-encoded',
    };
  }
  return { ok: true, payload, rule: 'binary result passed as bytes' };
}

function decode(text: string, rule: string): Conversion {
  const bytes = decodeBase64Strict(text);
  return bytes === undefined ? { ok: false, rule } : { ok: true, payload: { bytes, binary: true }, rule };
}
