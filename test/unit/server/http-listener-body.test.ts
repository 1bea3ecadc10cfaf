import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../src/pipeline/http-message.js';
import type { Exchange, Gateway } from '../../../src/server/gateway.js';
import { type Listening, listen } from '../../../src/server/http-listener.js';

// The listener reads a body only when Content-Length or Transfer-Encoding frames one (RFC 9112 §6.3); every
// other request reaches the gateway with an empty body at once. Both kinds must reach it whole, in the order they
// were sent on a pipelined connection, and the connection must stay usable after a body that was never read.
describe('HTTP listener: request bodies', () => {
  const seen: GatewayRequest[] = [];
  const gateway = {
    handle: async (request: GatewayRequest): Promise<Exchange> => {
      seen.push(request);
      const body = Buffer.from(`${request.body.length}:${request.body.toString('utf8')}`);
      return {
        request,
        response: { status: 200, headers: [['Content-Length', String(body.length)]], body },
        trace: { requestId: 'r', startedAt: 0, entries: [], awsLog: [], notices: [] },
        ms: 0,
      };
    },
  } as unknown as Gateway;
  let listening: Listening;

  beforeAll(async () => {
    listening = await listen(gateway, { host: '127.0.0.1', port: 0 });
  });
  afterAll(() => listening.close());

  /** Writes raw HTTP/1.1 on one connection; resolves once `responses` responses have arrived and the text ends with `last`. */
  function exchangeRaw(raw: string, responses: number, last: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(listening.port, '127.0.0.1', () => socket.write(raw));
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.split('HTTP/1.1 200').length - 1 === responses && text.endsWith(last)) {
          socket.end();
          resolve(text);
        }
      });
      socket.on('error', reject);
    });
  }

  it('passes an empty body for a request without Content-Length or Transfer-Encoding, in order, on one pipelined connection', async () => {
    // Prepare
    seen.length = 0;
    const raw =
      'GET /a HTTP/1.1\r\nHost: x\r\n\r\n' +
      'POST /b HTTP/1.1\r\nHost: x\r\ncontent-LENGTH: 5\r\n\r\nhello' +
      'POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n' +
      'DELETE /d HTTP/1.1\r\nHost: x\r\n\r\n';
    // Act
    const text = await exchangeRaw(raw, 4, '\r\n\r\n0:');
    // Assess
    expect(seen.map((r) => [r.target, r.body.toString('utf8')])).toEqual([
      ['/a', ''],
      ['/b', 'hello'],
      ['/c', 'abcde'],
      ['/d', ''],
    ]);
    expect(text).toContain('\r\n\r\n0:');
    expect(text).toContain('\r\n\r\n5:hello');
    expect(seen[0]?.protocol).toBe('HTTP/1.1');
    expect(seen[0]?.sourceIp).toBe('127.0.0.1');
  });
});
