import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GatewayRequest, GatewayResponse } from '../pipeline/http-message.js';
import { MAX_REQUEST_PAYLOAD_BYTES } from '../pipeline/rest/parse-request.js';
import { isControlRequest } from './control/control-interface.js';
import type { Exchange, Gateway } from './gateway.js';
import { isOverHeaderQuota, NODE_MAX_HEADER_SIZE, refuseOversizeHeaders } from './request-header-limit.js';

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  readonly onExchange?: (exchange: Exchange) => void;
  readonly onError?: (error: unknown) => void;
  /** Answers `/_gatehouse/control/...` instead of the gateway (src/server/control/control-interface.ts). */
  readonly control?: (request: GatewayRequest) => Promise<GatewayResponse>;
  /** Answers gatehouse's own pages (the inspector, src/inspector/) instead of the gateway; may stream (server-sent events). */
  readonly ownPages?: {
    handles(target: string): boolean;
    serve(request: GatewayRequest, res: ServerResponse): Promise<void>;
  };
}

export interface Listening {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves a Gateway over HTTP/1.1. Binds to 127.0.0.1 unless told otherwise. */
export async function listen(gateway: Gateway, options: ListenOptions): Promise<Listening> {
  const server = createServer(
    { keepAliveTimeout: 60_000, requestTimeout: 0, maxHeaderSize: NODE_MAX_HEADER_SIZE },
    (req, res) => {
      if (isOverHeaderQuota(req)) {
        refuseOversizeHeaders(res);
        return;
      }
      handle(gateway, req, res, options).catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end('{"message": "Internal server error"}');
        } else res.destroy();
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}`;
  return {
    server,
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(gateway: Gateway, req: IncomingMessage, res: ServerResponse, options: ListenOptions) {
  const headers: [string, string][] = [];
  const raw = req.rawHeaders;
  let framesBody = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    headers.push([name, raw[i + 1] as string]);
    framesBody ||= isBodyFramingHeader(name);
  }
  let body: Buffer;
  if (framesBody) body = await readBodyInTurn(req);
  else {
    body = Buffer.alloc(0);
    const ahead = bodyInFlight.get(req.socket);
    if (ahead) await ahead.catch(() => undefined);
  }
  const request: GatewayRequest = {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    headers,
    body,
    sourceIp: sourceIpOf(req),
    protocol: req.httpVersion === '1.1' ? 'HTTP/1.1' : `HTTP/${req.httpVersion}`,
    localPort: req.socket.localPort ?? 0,
  };
  if (options.ownPages?.handles(request.target)) {
    await options.ownPages.serve(request, res);
    return;
  }
  if (options.control && isControlRequest(request.target)) {
    writeResponse(res, await options.control(request));
    return;
  }
  const exchange = await gateway.handle(request);
  writeResponse(res, exchange.response);
  options.onExchange?.(exchange);
}

/**
 * RFC 9112 §6.3: a request has a body only when it carries Content-Length or Transfer-Encoding (Node's parser
 * reads it so). Without either, the body is empty and known to be so at once: it is not read as a stream (a
 * promise, three listeners and a tick for nothing, on most requests); Node discards the ended stream itself.
 */
function isBodyFramingHeader(name: string): boolean {
  return (
    (name.length === 14 && name.toLowerCase() === 'content-length') ||
    (name.length === 17 && name.toLowerCase() === 'transfer-encoding')
  );
}

/**
 * The body being read on a connection. A pipelined request behind it reaches the gateway after it, as requests on
 * one connection always do, even when it has no body to wait for.
 */
const bodyInFlight = new WeakMap<Socket, Promise<Buffer>>();

async function readBodyInTurn(req: IncomingMessage): Promise<Buffer> {
  const reading = readBody(req);
  bodyInFlight.set(req.socket, reading);
  try {
    return await reading;
  } finally {
    if (bodyInFlight.get(req.socket) === reading) bodyInFlight.delete(req.socket);
  }
}

/** The client's address; an IPv4 client of a dual-stack socket shows as `::ffff:a.b.c.d`. */
function sourceIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Reads the body, keeping at most one byte more than API Gateway's quota: enough to answer 413 without
 * holding an arbitrarily large upload in memory.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept > MAX_REQUEST_PAYLOAD_BYTES) return;
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function writeResponse(res: ServerResponse, response: GatewayResponse) {
  // The pipeline decided every header (Date, Connection included): write exactly those, in order.
  res.sendDate = false;
  res.shouldKeepAlive = true;
  const flat: string[] = [];
  for (const [name, value] of response.headers) flat.push(name, value);
  res.writeHead(response.status, flat);
  res.end(response.body);
}
