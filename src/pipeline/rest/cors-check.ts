/**
 * REST APIs have no automatic CORS (documented, how-to-cors.html): for a Lambda proxy integration the
 * function's own headers decide, and a preflight needs an OPTIONS method. gatehouse does not change the
 * answer; it says when a browser would refuse it, and why.
 */
import type { InvocationContext } from '../context.js';
import { type GatewayRequest, type GatewayResponse, headerValue } from '../http-message.js';

export function checkCors(request: GatewayRequest, response: GatewayResponse, ctx: InvocationContext): void {
  const origin = headerValue(request.headers, 'origin');
  if (origin === undefined) return;
  const allow = headerValue(response.headers, 'access-control-allow-origin');
  const preflight = request.method === 'OPTIONS' && headerValue(request.headers, 'access-control-request-method') !== undefined;
  if (preflight && response.status === 403) {
    ctx.notice(
      'CORS_WOULD_BLOCK',
      `this is a CORS preflight from ${origin}, and no OPTIONS method answers it (403); the browser will not send the ${headerValue(request.headers, 'access-control-request-method')} request`,
    );
    return;
  }
  if (allow === undefined) {
    ctx.notice(
      'CORS_WOULD_BLOCK',
      `the request comes from origin ${origin} and the response has no Access-Control-Allow-Origin header`,
    );
  } else if (allow !== '*' && allow !== origin) {
    ctx.notice('CORS_WOULD_BLOCK', `Access-Control-Allow-Origin is ${allow}, not the request's origin ${origin}`);
  } else if (allow === '*' && headerValue(response.headers, 'access-control-allow-credentials') === 'true') {
    ctx.notice(
      'CORS_WOULD_BLOCK',
      'Access-Control-Allow-Origin is * while Access-Control-Allow-Credentials is true, which browsers refuse',
    );
  }
}
