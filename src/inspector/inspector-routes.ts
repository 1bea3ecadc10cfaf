/**
 * The web inspector, served by the running gatehouse under `/_gatehouse/inspector/` (issue 8):
 *
 *   GET  /_gatehouse/inspector/                       the page (static files from ./ui)
 *   GET  /_gatehouse/inspector/api/events             server-sent events: `snapshot` (every kept summary), then `exchanges` batches
 *   GET  /_gatehouse/inspector/api/exchanges/:id      one exchange in full (trace, event, raw result, bodies, explanation)
 *   POST /_gatehouse/inspector/api/exchanges/:id/replay  sends the recorded request through the gateway again
 *
 * Every request passes the control interface's loopback guard (docs/decisions/0002-control-interface.md): a
 * loopback connection, a loopback Host (no DNS rebinding), no foreign Origin, JSON POSTs only. The inspector
 * shows request bodies and can replay requests, so it gets exactly the control interface's protection.
 */
import type { ServerResponse } from 'node:http';
import type { GatewayRequest } from '../pipeline/http-message.js';
import { refuseUnlessLocal } from '../server/control/loopback-guard.js';
import type { Exchange, Gateway } from '../server/gateway.js';
import type { ExchangeSummary } from './exchange-record.js';
import type { ExchangeStore } from './exchange-store.js';
import { readAsset } from './static-assets.js';

export const INSPECTOR_PREFIX = '/_gatehouse/inspector/';

/** How often new summaries are pushed to browsers, batched: a load test must not send one event per request. */
const PUSH_INTERVAL_MS = 100;
const HEARTBEAT_MS = 15_000;

const SECURITY_HEADERS: readonly [string, string][] = [
  ['Cache-Control', 'no-store'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  // Images are rendered from the recorded bytes as data: URLs; nothing else may load from anywhere but here.
  [
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; frame-ancestors 'none'",
  ],
];

export interface InspectorRoutesOptions {
  readonly gateway: Gateway;
  readonly store: ExchangeStore;
  /** Called with every replayed exchange, as for any other request (terminal line, access log). */
  readonly onReplay?: (exchange: Exchange) => void;
}

export function isInspectorRequest(target: string): boolean {
  return target.startsWith(INSPECTOR_PREFIX) || target.split('?')[0] === INSPECTOR_PREFIX.slice(0, -1);
}

export async function serveInspector(
  options: InspectorRoutesOptions,
  request: GatewayRequest,
  res: ServerResponse,
): Promise<void> {
  const refused = refuseUnlessLocal(request);
  if (refused !== undefined) return sendJson(res, 403, { error: 'forbidden', message: `inspector: ${refused}` });
  const path = request.target.split('?')[0] as string;
  if (path === INSPECTOR_PREFIX.slice(0, -1)) {
    res.writeHead(308, { Location: INSPECTOR_PREFIX, ...Object.fromEntries(SECURITY_HEADERS) });
    res.end();
    return;
  }
  const rest = path.slice(INSPECTOR_PREFIX.length);
  if (rest === 'api/events') {
    if (request.method !== 'GET') return sendJson(res, 405, { error: 'method-not-allowed' });
    return streamEvents(options.store, res);
  }
  const detail = /^api\/exchanges\/(\d+)$/.exec(rest);
  if (detail) {
    if (request.method !== 'GET') return sendJson(res, 405, { error: 'method-not-allowed' });
    const stored = options.store.get(Number(detail[1]));
    return stored ? sendJson(res, 200, stored.detail) : sendJson(res, 404, { error: 'not-found', message: 'no longer kept' });
  }
  const replay = /^api\/exchanges\/(\d+)\/replay$/.exec(rest);
  if (replay) {
    if (request.method !== 'POST') return sendJson(res, 405, { error: 'method-not-allowed' });
    const id = Number(replay[1]);
    const stored = options.store.get(id);
    if (!stored) return sendJson(res, 404, { error: 'not-found', message: 'no longer kept' });
    if (!stored.replay) return sendJson(res, 409, { error: 'not-replayable', message: 'the request body was too large to keep' });
    const exchange = await options.gateway.handle(stored.replay);
    const summary = options.store.record(exchange, id);
    options.onReplay?.(exchange);
    return sendJson(res, 200, summary);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(res, 405, { error: 'method-not-allowed' });
  const asset = await readAsset(rest === '' ? 'index.html' : rest);
  if (!asset) return sendJson(res, 404, { error: 'not-found', message: `no inspector file ${JSON.stringify(rest)}` });
  res.writeHead(200, [['Content-Type', asset.contentType], ['Content-Length', String(asset.body.length)], ...SECURITY_HEADERS]);
  res.end(request.method === 'HEAD' ? undefined : asset.body);
}

function streamEvents(store: ExchangeStore, res: ServerResponse): void {
  res.writeHead(200, [['Content-Type', 'text/event-stream; charset=utf-8'], ['Connection', 'keep-alive'], ...SECURITY_HEADERS]);
  res.write(
    `retry: 1000\nevent: snapshot\ndata: ${JSON.stringify({ capacity: store.capacity, exchanges: store.summaries() })}\n\n`,
  );
  let pending: ExchangeSummary[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const batch = pending;
    pending = [];
    res.write(`event: exchanges\ndata: ${JSON.stringify(batch)}\n\n`);
  };
  const unsubscribe = store.subscribe((summary) => {
    pending.push(summary);
    timer ??= setTimeout(flush, PUSH_INTERVAL_MS);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  res.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
    if (timer) clearTimeout(timer);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, [['Content-Type', 'application/json'], ['Content-Length', String(body.length)], ...SECURITY_HEADERS]);
  res.end(body);
}
