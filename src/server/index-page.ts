import type { GatewayRequest, GatewayResponse } from '../pipeline/http-message.js';
import type { Gateway } from './gateway.js';

/**
 * `GET /` (no stage in the path) and `GET /_gatehouse` answer a small index of the APIs, so a client can
 * tell the server is up. This is gatehouse's own page: on AWS the bare host answers 403 Missing
 * Authentication Token.
 */
export function renderIndex(request: GatewayRequest, gateway: Gateway): GatewayResponse | undefined {
  if (request.method !== 'GET') return undefined;
  // Every request passes here: most are told apart by their second character without splitting the target.
  const target = request.target;
  if (target.length > 1 && target[1] !== '?' && target[1] !== '_') return undefined;
  const path = target.split('?')[0];
  if (path !== '/' && path !== '/_gatehouse' && path !== '/_gatehouse/') return undefined;
  // An HTTP API's $default stage owns the root, as on AWS; the index then stays at /_gatehouse.
  const rootTaken = gateway.model.httpApis.some((api) => api.stages.some((s) => s.name === '$default'));
  if (path === '/' && rootTaken) return undefined;
  const apis = gateway.model.restApis.map((api) => ({
    type: 'REST',
    logicalId: api.logicalId,
    id: api.id,
    binaryMediaTypes: api.binaryMediaTypes,
    stages: api.stages.map((stage) => ({
      name: stage.name,
      url: `${gateway.baseUrl}/${stage.name}`,
      routes: api.resources.flatMap((r) =>
        r.methods.map((m) => ({
          method: m.httpMethod,
          path: r.path,
          url: `${gateway.baseUrl}/${stage.name}${r.path === '/' ? '/' : r.path}`,
        })),
      ),
    })),
  }));
  const httpApis = gateway.model.httpApis.map((api) => ({
    type: 'HTTP',
    logicalId: api.logicalId,
    id: api.id,
    stages: api.stages.map((stage) => {
      const base = stage.name === '$default' ? gateway.baseUrl : `${gateway.baseUrl}/${stage.name}`;
      return {
        name: stage.name,
        url: `${base}/`,
        routes: api.routes.map((r) => ({ routeKey: r.routeKey, url: r.path ? `${base}${r.path}` : `${base}/` })),
      };
    }),
  }));
  const body = Buffer.from(
    `${JSON.stringify({ gatehouse: 'ok', template: gateway.model.templateFile, apis: [...apis, ...httpApis] }, null, 2)}\n`,
  );
  return {
    status: 200,
    headers: [
      ['Date', new Date().toUTCString()],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['Connection', 'keep-alive'],
    ],
    body,
  };
}
