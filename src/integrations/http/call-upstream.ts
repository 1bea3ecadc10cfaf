/**
 * The request API Gateway sends to an HTTP or HTTP_PROXY integration's endpoint, and its answer.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface UpstreamRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly timeoutInMillis: number;
}

export type UpstreamOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: readonly (readonly [string, string])[];
      readonly body: Buffer;
      readonly latencyMs: number;
    }
  | { readonly kind: 'timeout'; readonly latencyMs: number }
  | { readonly kind: 'unreachable'; readonly message: string; readonly latencyMs: number };

/** Hop-by-hop headers a proxy does not forward (RFC 9110 §7.6.1), plus the ones the client library sets. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  'host',
  'content-length',
]);

export function callUpstream(req: UpstreamRequest): Promise<UpstreamOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      resolve({ kind: 'unreachable', message: `invalid URL ${req.url}`, latencyMs: 0 });
      return;
    }
    const flat: string[] = [];
    for (const [name, value] of req.headers) if (!HOP_BY_HOP.has(name.toLowerCase())) flat.push(name, value);
    flat.push('Host', url.host);
    if (req.body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(req.method))
      flat.push('Content-Length', String(req.body.length));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, { method: req.method, headers: flat, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        const headers: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
        resolve({
          kind: 'response',
          status: res.statusCode ?? 502,
          headers,
          body: Buffer.concat(chunks),
          latencyMs: Date.now() - started,
        });
      });
      res.on('error', (error) => resolve({ kind: 'unreachable', message: error.message, latencyMs: Date.now() - started }));
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      resolve({ kind: 'timeout', latencyMs: Date.now() - started });
    }, req.timeoutInMillis);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'unreachable', message: error.message, latencyMs: Date.now() - started });
    });
    outgoing.end(req.body);
  });
}
