/**
 * What the inspector shows of a body: the exact bytes (the first `BODY_PREVIEW_BYTES` of them), and how to show
 * them. Images are rendered by the browser from these bytes, so base64 text sent as `image/png` visibly breaks.
 */
export const BODY_PREVIEW_BYTES = 256 * 1024;

export type BodyKind = 'empty' | 'json' | 'text' | 'image' | 'binary';

export interface BodyPreview {
  readonly kind: BodyKind;
  readonly contentType?: string;
  /** The whole body's length in bytes. */
  readonly size: number;
  /** True when `base64` holds only the first BODY_PREVIEW_BYTES bytes. */
  readonly truncated: boolean;
  /** The kept bytes, base64-encoded for transport; the browser decodes them back to the same bytes. */
  readonly base64: string;
}

/** `size`: the whole body's length, when `body` holds only its first bytes (the inspector keeps no more). */
export function previewBody(
  body: Buffer,
  contentType: string | undefined,
  limit = BODY_PREVIEW_BYTES,
  size = body.length,
): BodyPreview {
  const kept = body.subarray(0, limit);
  const base = {
    ...(contentType === undefined ? {} : { contentType }),
    size,
    truncated: size > limit,
    base64: kept.toString('base64'),
  };
  return { kind: classifyBody(kept, contentType, size > limit), ...base };
}

export function classifyBody(bytes: Buffer, contentType: string | undefined, truncated = false): BodyKind {
  if (bytes.length === 0) return 'empty';
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.startsWith('image/')) return 'image';
  const text = decodeText(bytes, truncated);
  if (text === undefined) return 'binary';
  if (/[+/]json$/.test(type) && (truncated || isJson(text))) return 'json';
  if (!truncated && /^\s*[[{]/.test(text) && isJson(text)) return 'json';
  return 'text';
}

/** UTF-8 text without control characters other than tab and line breaks; a cut multi-byte character at the end is allowed. */
function decodeText(bytes: Buffer, truncated: boolean): string | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= (truncated ? 3 : 0); cut++) {
    try {
      const text = decoder.decode(bytes.subarray(0, bytes.length - cut));
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this looks for
      return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
    } catch {
      // try without the last byte(s) of a cut character
    }
  }
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
