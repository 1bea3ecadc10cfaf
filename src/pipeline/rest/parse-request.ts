/**
 * Phase: the front door, before routing. Enforces the 10 MB payload quota and splits the request target.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { Stage } from '../context.js';
import type { GatewayRequest } from '../http-message.js';

/** API Gateway's payload quota: 10 MB (documented, REQUEST_TOO_LARGE 413). */
export const MAX_REQUEST_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface ParsedRequest {
  readonly request: GatewayRequest;
  /** Path part of the target, percent-encoding untouched, always starting with `/`. */
  readonly rawPath: string;
  /** Query part without `?`, or undefined when the target has none. Anything after `#` is dropped. */
  readonly rawQuery: string | undefined;
}

export const parseRequest: Stage<GatewayRequest, ParsedRequest> = {
  name: 'parse-request',
  run(request) {
    if (request.body.length > MAX_REQUEST_PAYLOAD_BYTES) {
      throw new GatewayError(
        'REQUEST_TOO_LARGE',
        `request body is ${request.body.length} bytes; API Gateway accepts at most ${MAX_REQUEST_PAYLOAD_BYTES}`,
      );
    }
    const hash = request.target.indexOf('#');
    const target = hash === -1 ? request.target : request.target.slice(0, hash);
    const question = target.indexOf('?');
    let rawPath = question === -1 ? target : target.slice(0, question);
    // An absolute-form target (`GET http://host/path`) is reduced to its path.
    if (/^[a-z]+:\/\//i.test(rawPath)) rawPath = rawPath.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
    if (!rawPath.startsWith('/')) rawPath = `/${rawPath}`;
    const rawQuery = question === -1 ? undefined : target.slice(question + 1);
    return { request, rawPath, rawQuery };
  },
};
