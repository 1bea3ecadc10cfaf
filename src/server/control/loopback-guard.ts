import type { GatewayRequest } from '../../pipeline/http-message.js';
import { headerValue } from '../../pipeline/http-message.js';

/**
 * Who may drive the control interface: a process on this machine, talking to this gatehouse by a loopback name.
 * - the connection must come from a loopback address (gatehouse may listen on 0.0.0.0 for its APIs);
 * - the Host header must be a loopback name (`localhost`, `127.x.x.x`, `[::1]`), so a web page whose own host name
 *   resolves to 127.0.0.1 (DNS rebinding) is refused;
 * - an Origin header, which browsers send on cross-origin and on POST requests, must be gatehouse's own origin;
 * - POSTs must say `Content-Type: application/json`, which a page cannot send cross-origin without a CORS
 *   preflight, and the control interface answers no preflight.
 * Returns the reason for refusing, or undefined.
 */
export function refuseUnlessLocal(request: GatewayRequest): string | undefined {
  if (!isLoopbackAddress(request.sourceIp)) return `the connection comes from ${request.sourceIp}, not from this machine`;
  const host = headerValue(request.headers, 'host');
  if (host === undefined || !isLoopbackHost(host)) {
    return `Host ${JSON.stringify(host ?? '')} is not a loopback name (localhost, 127.0.0.1, [::1])`;
  }
  const origin = headerValue(request.headers, 'origin');
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
    return `Origin ${origin} is not gatehouse itself (http://${host})`;
  }
  if (request.method === 'POST') {
    const type = headerValue(request.headers, 'content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return 'a control request must have Content-Type: application/json';
  }
  return undefined;
}

export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

export function isLoopbackHost(host: string): boolean {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  const name = match[1] as string;
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
