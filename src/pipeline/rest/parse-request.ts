/**
 * Phase: the front door, before routing. Enforces the 10 MB payload quota and splits the request target.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { SyncStage } from '../context.js';
import type { GatewayRequest } from '../http-message.js';
import { splitTarget } from '../request-target.js';

/** API Gateway's payload quota: 10 MB (documented, REQUEST_TOO_LARGE 413). */
export const MAX_REQUEST_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface ParsedRequest {
  readonly request: GatewayRequest;
  /** Path part of the target, percent-encoding untouched, always starting with `/`. */
  readonly rawPath: string;
  /** Query part without `?`, or undefined when the target has none. Anything after `#` is dropped. */
  readonly rawQuery: string | undefined;
}

export const parseRequest: SyncStage<GatewayRequest, ParsedRequest> = createParseRequest('REQUEST_TOO_LARGE');

/** The same phase for either API type, which answer an oversized request differently. */
export function createParseRequest(
  tooLarge: 'REQUEST_TOO_LARGE' | 'HTTP_REQUEST_TOO_LARGE',
): SyncStage<GatewayRequest, ParsedRequest> {
  return {
    name: 'parse-request',
    run(request) {
      if (request.body.length > MAX_REQUEST_PAYLOAD_BYTES) {
        throw new GatewayError(
          tooLarge,
          `request body is ${request.body.length} bytes; API Gateway accepts at most ${MAX_REQUEST_PAYLOAD_BYTES}`,
        );
      }
      const { rawPath, rawQuery } = splitTarget(request.target);
      return { request, rawPath, rawQuery };
    },
  };
}
