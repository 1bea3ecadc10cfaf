/**
 * API Gateway's quota on the front of a request: "Total combined size of request line and header values: 10240
 * bytes", not adjustable (documented for HTTP APIs, http-api-quotas.html; REST APIs list 10240 characters for a
 * regional API's URL, api-gateway-execution-service-limits-table.html).
 * Observed by users (not recorded): a larger request is refused with 431 Request Header Fields Too Large before any
 * API sees it (backbencher.dev, "431 ... AWS API gateway"); one report quotes the text "HTTP header is larger than
 * 10240 bytes." but not the status with it, so gatehouse sends 431 with an empty body and closes the connection,
 * exactly as Node itself answers a header section over its own limit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_REQUEST_LINE_AND_HEADER_VALUE_BYTES = 10_240;

/**
 * Node's own ceiling on a header section (names included), above which Node answers 431 before gatehouse sees the
 * request. Set well above AWS's quota so that AWS's rule, not Node's, decides for any request a client can send.
 */
export const NODE_MAX_HEADER_SIZE = 64 * 1024;

/** Request line (`GET /dev/x HTTP/1.1`) plus every header value, in bytes (Node reads header text as Latin-1). */
export function requestLineAndHeaderValueBytes(req: IncomingMessage): number {
  let bytes = (req.method ?? '').length + 1 + (req.url ?? '').length + 1 + `HTTP/${req.httpVersion}`.length;
  for (let i = 1; i < req.rawHeaders.length; i += 2) bytes += (req.rawHeaders[i] as string).length;
  return bytes;
}

export function isOverHeaderQuota(req: IncomingMessage): boolean {
  return requestLineAndHeaderValueBytes(req) > MAX_REQUEST_LINE_AND_HEADER_VALUE_BYTES;
}

/** 431 with no body, and the connection closed (the request's body, if any, is never read). */
export function refuseOversizeHeaders(res: ServerResponse): void {
  res.sendDate = false;
  res.shouldKeepAlive = false;
  res.writeHead(431, ['Connection', 'close', 'Content-Length', '0']);
  res.end();
}
