/**
 * CORS as HTTP APIs apply it when CorsConfiguration is set.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 * Documented: API Gateway answers preflight OPTIONS requests itself, even without an OPTIONS route, and
 * ignores CORS headers returned by the integration, adding the configured ones instead.
 * Recorded (docs/research/http-api-behaviour.md §6): on normal requests the allowed origin is echoed with
 * `vary: origin`, and `access-control-allow-credentials: true` when configured.
 * Not recorded, our reading (inferred): preflight status 204; `*` in AllowOrigins answers `*`; configured
 * lists are sent joined with `,`; a disallowed origin gets no CORS headers.
 */
import type { CorsConfiguration } from '../../model/http-api.js';
import type { GatewayRequest } from '../http-message.js';
import { headerValue } from '../http-message.js';

export function isPreflight(request: GatewayRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    headerValue(request.headers, 'origin') !== undefined &&
    headerValue(request.headers, 'access-control-request-method') !== undefined
  );
}

/** The allow-origin value for a request origin, or undefined when the origin is not allowed. */
export function allowedOrigin(cors: CorsConfiguration, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return '*';
  const lower = origin.toLowerCase();
  for (const allowed of cors.allowOrigins) {
    const pattern = allowed.toLowerCase();
    if (pattern === lower) return origin;
    // Documented: a wildcard subdomain such as https://*.example.com.
    const star = pattern.indexOf('*');
    if (star !== -1 && lower.startsWith(pattern.slice(0, star)) && lower.endsWith(pattern.slice(star + 1))) return origin;
  }
  return undefined;
}

/** Headers for the preflight answer. */
export function preflightHeaders(cors: CorsConfiguration, request: GatewayRequest): [string, string][] {
  const origin = allowedOrigin(cors, headerValue(request.headers, 'origin'));
  if (origin === undefined) return [];
  const headers: [string, string][] = [['access-control-allow-origin', origin]];
  if (origin !== '*') headers.push(['vary', 'origin']);
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  if (cors.allowMethods.length > 0) headers.push(['access-control-allow-methods', cors.allowMethods.join(',')]);
  if (cors.allowHeaders.length > 0) headers.push(['access-control-allow-headers', cors.allowHeaders.join(',')]);
  if (cors.maxAge !== undefined) headers.push(['access-control-max-age', String(cors.maxAge)]);
  return headers;
}

/**
 * An actual (non-preflight) response: drop the integration's CORS headers, add the configured ones when the
 * request's origin is allowed.
 */
export function applyCors(
  cors: CorsConfiguration,
  request: GatewayRequest,
  headers: readonly (readonly [string, string])[],
): { headers: [string, string][]; overridden: string[] } {
  const overridden: string[] = [];
  const kept: [string, string][] = [];
  for (const [name, value] of headers) {
    if (name.toLowerCase().startsWith('access-control-')) overridden.push(`${name}: ${value}`);
    else kept.push([name, value]);
  }
  const origin = allowedOrigin(cors, headerValue(request.headers, 'origin'));
  if (origin !== undefined) {
    kept.push(['access-control-allow-origin', origin]);
    if (origin !== '*') kept.push(['vary', 'origin']);
    if (cors.allowCredentials) kept.push(['access-control-allow-credentials', 'true']);
    if (cors.exposeHeaders.length > 0) kept.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
  }
  return { headers: kept, overridden };
}
