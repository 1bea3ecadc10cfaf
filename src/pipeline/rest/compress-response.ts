/**
 * Payload compression of method responses (REST APIs only).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-receive-response-with-compressed-payload.html
 * AWS (documented): the response is compressed only when minimumCompressionSize is set on the API, the request
 * has an Accept-Encoding whose highest-priority coding API Gateway supports (gzip, deflate, identity; no header
 * means `*`, which is not compressed), the integration response has no Content-Encoding, and the payload (after
 * mapping templates) is at least minimumCompressionSize bytes.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-enable-compression.html
 */
import { deflateSync, gzipSync } from 'node:zlib';
import type { InvocationContext } from '../context.js';
import { type GatewayRequest, type GatewayResponse, headerValue } from '../http-message.js';

export function compressForClient(
  request: GatewayRequest,
  minimumCompressionSize: number | undefined,
  response: GatewayResponse,
  ctx: InvocationContext,
): GatewayResponse {
  if (minimumCompressionSize === undefined) return response;
  const coding = preferredCoding(headerValue(request.headers, 'accept-encoding'));
  if (coding !== 'gzip' && coding !== 'deflate') return response;
  if (headerValue(response.headers, 'content-encoding') !== undefined) return response;
  if (response.body.length < minimumCompressionSize) return response;
  const body = coding === 'gzip' ? gzipSync(response.body) : deflateSync(response.body);
  const headers: [string, string][] = [];
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() === 'content-length') {
      headers.push([name, String(body.length)], ['Content-Encoding', coding]);
    } else headers.push([name, value]);
  }
  ctx.note(
    `Response payload compressed with ${coding}: ${response.body.length} → ${body.length} bytes (minimumCompressionSize ${minimumCompressionSize})`,
  );
  return { status: response.status, headers, body };
}

/** The coding with the highest q-value (the first listed on a tie); undefined without a usable header. */
export function preferredCoding(acceptEncoding: string | undefined): string | undefined {
  if (acceptEncoding === undefined || acceptEncoding.trim() === '') return undefined;
  let best: { coding: string; q: number } | undefined;
  for (const part of acceptEncoding.split(',')) {
    const [rawCoding, ...params] = part.split(';');
    const coding = rawCoding?.trim().toLowerCase() ?? '';
    if (coding === '') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === undefined || q > best.q) best = { coding, q };
  }
  return best?.coding;
}
