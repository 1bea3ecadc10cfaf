/**
 * Calling an authorizer function: an ordinary synchronous Lambda invoke of a function of the template, and the
 * classification of what came back. Shared by REST and HTTP API Lambda authorizers.
 */
import { GatewayError } from '../failures/gateway-error.js';
import type { FunctionSpec } from '../model/function-spec.js';
import type { SourceRef } from '../model/source-ref.js';
import type { InvocationContext } from '../pipeline/context.js';
import { invokeLambda } from '../pipeline/lambda/invoke-lambda.js';
import type { AuthorizerDeps } from './authorizer-deps.js';

export type AuthorizerCallResult =
  | { readonly kind: 'result'; readonly value: unknown; readonly raw: string; readonly latencyMs: number }
  | { readonly kind: 'unauthorized'; readonly latencyMs: number }
  | { readonly kind: 'failed'; readonly reason: string; readonly latencyMs: number };

export interface AuthorizerCall {
  readonly functionLogicalId: string;
  readonly authorizerName: string;
  readonly event: unknown;
  readonly traceId: string;
  readonly timeoutInMillis: number;
  readonly source: SourceRef;
  /** The failure code used when the function is not defined. */
  readonly missingCode: 'AUTHORIZER_CONFIGURATION_ERROR' | 'HTTP_AUTHORIZER_ERROR';
}

export async function callAuthorizerFunction(
  deps: AuthorizerDeps,
  call: AuthorizerCall,
  ctx: InvocationContext,
): Promise<AuthorizerCallResult> {
  const fn: FunctionSpec | undefined = deps.functionFor(call.functionLogicalId);
  if (!fn) {
    throw new GatewayError(
      call.missingCode,
      `authorizer ${call.authorizerName} calls function ${call.functionLogicalId}, which is not defined`,
      { reason: 'Invalid permissions on Lambda function', requestId: '' },
      call.source,
    );
  }
  const functionArn = `arn:aws:lambda:${deps.region}:${deps.accountId}:function:${fn.functionName}`;
  const eventBytes = Buffer.from(JSON.stringify(call.event), 'utf8');
  const uri = `https://lambda.${deps.region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`;
  ctx.note(`Sending request to ${uri}`);
  const outcome = await invokeLambda(
    deps.runtime,
    { fn, functionArn, event: call.event, eventBytes, traceId: call.traceId, timeoutInMillis: call.timeoutInMillis },
    ctx,
  );
  if (outcome.kind === 'timed-out') {
    return {
      kind: 'failed',
      reason: `the authorizer function did not answer within ${call.timeoutInMillis} ms`,
      latencyMs: outcome.latencyMs,
    };
  }
  const { result, latencyMs, text: raw } = outcome;
  if (result.kind === 'service-error') {
    return { kind: 'failed', reason: `Lambda refused the invoke (${result.errorType})`, latencyMs };
  }
  if (result.kind === 'function-error') {
    // Documented (AWS authorizer blueprints, Knowledge Center): an error whose message is exactly "Unauthorized"
    // answers 401; any other error is an authorizer failure (500).
    if (result.errorMessage === 'Unauthorized') return { kind: 'unauthorized', latencyMs };
    return { kind: 'failed', reason: `the authorizer function failed: ${result.errorType}: ${result.errorMessage}`, latencyMs };
  }
  ctx.note(`Authorizer result body before parsing: ${raw.length > 1000 ? `${raw.slice(0, 1000)} [TRUNCATED]` : raw}`);
  try {
    return { kind: 'result', value: JSON.parse(raw), raw, latencyMs };
  } catch {
    return { kind: 'failed', reason: 'the authorizer function returned something that is not JSON', latencyMs };
  }
}
