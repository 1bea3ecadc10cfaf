import { randomUUID } from 'node:crypto';
import { handleInvoke, type InvokeContext } from './invoke-handler.js';
import { LambdaServiceError, renderServiceError } from './service-error.js';
import type { ServiceRequest, ServiceResponse } from './service-message.js';

/**
 * The operations the local Lambda service answers, as the Lambda API's REST bindings name them. Only Invoke:
 * like `sam local start-lambda`, the service runs the template's functions and manages nothing.
 */
export type LambdaServiceRoute =
  | { readonly operation: 'Invoke'; readonly functionName: string }
  | { readonly operation: 'Unknown' };

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

export function routeRequest(method: string, path: string): LambdaServiceRoute {
  const invoke = INVOKE_PATH.exec(path);
  if (method === 'POST' && invoke?.[1] !== undefined) {
    const functionName = decodePathSegment(invoke[1]);
    if (functionName !== undefined) return { operation: 'Invoke', functionName };
  }
  return { operation: 'Unknown' };
}

/** Routes one request and turns every refusal into the REST-JSON error AWS would send. */
export async function dispatch(request: ServiceRequest, ctx: InvokeContext): Promise<ServiceResponse> {
  const route = routeRequest(request.method, request.path);
  try {
    if (route.operation === 'Invoke') return await handleInvoke(route.functionName, request, ctx);
    // Not recorded: AWS's answer to a path no operation binds to. gatehouse names what it serves.
    throw new LambdaServiceError(
      404,
      'UnknownOperationException',
      `gatehouse's Lambda service serves only Invoke (POST /2015-03-31/functions/{FunctionName}/invocations), not ${request.method} ${request.path}`,
    );
  } catch (error) {
    if (error instanceof LambdaServiceError) return renderServiceError(error, randomUUID());
    const detail = error instanceof Error ? error.message : String(error);
    return renderServiceError(
      new LambdaServiceError(500, 'ServiceException', `gatehouse internal error: ${detail}`),
      randomUUID(),
    );
  }
}

function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
