import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// A request that is not valid HTTP/1.1 never reaches the pipeline: the front door answers 400 Bad Request,
// as API Gateway's front end (CloudFront/the regional endpoint) does for malformed requests. The exact
// body AWS's front end sends for these is not recorded; the status is standard (RFC 9112 §3.2).
const fx = useFixtureGateway('rest-proxy');

function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let out = '';
    socket.on('data', (c: Buffer) => {
      out += c.toString('latin1');
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('malformed HTTP requests', () => {
  it.each([
    ['a header without a colon', 'GET /dev/ HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n'],
    ['a missing Host header', 'GET /dev/ HTTP/1.1\r\n\r\n'],
    ['a bad request line', 'NOT-HTTP\r\n\r\n'],
  ])('answers %s with 400 and keeps serving', async (_name, bytes) => {
    const out = await rawExchange(fx.url, bytes);
    expect(out.startsWith('HTTP/1.1 400 Bad Request')).toBe(true);
    const ok = await fx.gateway.inject({ path: '/dev/items/1' });
    expect(ok.status).toBe(200);
  });
});
