import type { IncomingMessage } from 'node:http';
import type { PostedPayload } from '../payload-text.js';

export type ReadBodyResult =
  | { readonly kind: 'complete'; readonly body: PostedPayload }
  | { readonly kind: 'too-large'; readonly bytes: number };

/**
 * Reads a request body, keeping at most `limit` bytes. A larger body is drained (not kept) so the runtime's
 * keep-alive connection stays usable for its next GET /next.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limit) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
    });
    req.on('end', () => {
      if (bytes > limit) resolve({ kind: 'too-large', bytes });
      else resolve({ kind: 'complete', body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) });
    });
    req.on('error', reject);
  });
}

/**
 * The same limit for a body that arrived whole: a pipe frame, or a port message's text; `bytes` alone when the
 * frame was too big to keep.
 */
export function limitBody(body: PostedPayload | { readonly bytes: number }, limit: number): ReadBodyResult {
  if (typeof body === 'string') {
    // UTF-8 needs at most 3 bytes per UTF-16 unit: text that short is under the limit without counting its bytes.
    if (body.length * 3 <= limit) return { kind: 'complete', body };
    const bytes = Buffer.byteLength(body);
    return bytes > limit ? { kind: 'too-large', bytes } : { kind: 'complete', body };
  }
  if (!Buffer.isBuffer(body)) return { kind: 'too-large', bytes: body.bytes };
  return body.length > limit ? { kind: 'too-large', bytes: body.length } : { kind: 'complete', body };
}
