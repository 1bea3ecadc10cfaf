import { describe, expect, it } from 'vitest';
import { failures } from '../../src/failures/catalogue.js';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';
import { rawConnection } from '../support/raw-http.js';

// Clients and handlers that try to break the front door: malformed and oversize requests, slow and vanishing
// clients, handler header values that would inject lines. Each gets AWS's status (or the recorded/inferred one
// named below), nothing but well-formed responses goes on the wire, and no answer reaches the wrong request.
const fx = useFixtureGateway('faults');

/** A normal request still gets its own answer. */
async function stillServing(nonce = `check-${Math.random().toString(36).slice(2)}`) {
  const res = await send(`${fx.url}/faults/mixed/json?n=${nonce}`);
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text())).toEqual({ nonce, method: 'GET' });
}

const host = () => new URL(fx.url).host;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('malformed HTTP: 400 and the connection closed, other clients unaffected', () => {
  // Malformed framing is refused by the front end before any API sees it (RFC 9112; AWS's exact body is not recorded).
  it.each([
    ['a NUL in a header value', 'GET /faults/fault/ok HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n'],
    [
      'Content-Length and Transfer-Encoding together (smuggling)',
      'POST /faults/mixed/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    [
      'two different Content-Length values',
      'POST /faults/mixed/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd',
    ],
    [
      'a chunk size that is not hex',
      'POST /faults/mixed/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
    ],
    ['a space before the colon', 'GET /faults/fault/ok HTTP/1.1\r\nHost : x\r\n\r\n'],
  ])('%s', async (_name, bytes) => {
    const conn = await rawConnection(fx.url);
    conn.socket.write(bytes);
    expect(await conn.closed()).toBe(true);
    expect(conn.received().toString('latin1').startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    await stillServing();
  });
});

describe("oversize requests: API Gateway's quotas", () => {
  /** A GET whose request line plus header values total exactly `total` bytes. */
  function requestOfSize(total: number, path = '/faults/mixed/json?n=size') {
    const requestLine = `GET ${path} HTTP/1.1`;
    const pad = total - requestLine.length - host().length;
    return `${requestLine}\r\nHost: ${host()}\r\nX-Pad: ${'p'.repeat(pad)}\r\n\r\n`;
  }

  // Documented quota: request line + header values ≤ 10240 bytes; over it 431 (inferred from a user report,
  // src/server/request-header-limit.ts).
  it('serves a request of exactly 10 240 bytes of request line and header values', async () => {
    const conn = await rawConnection(fx.url);
    conn.socket.write(requestOfSize(10_240));
    const { responses } = await conn.responses(1);
    expect(responses[0]?.status).toBe(200);
    conn.socket.destroy();
  });

  it.each([
    ['one byte over the quota', 10_241],
    ["over Node's own header limit too", 200_000],
  ])('answers 431 and closes the connection: %s', async (_name, total) => {
    const conn = await rawConnection(fx.url);
    conn.socket.write(requestOfSize(total));
    expect(await conn.closed()).toBe(true);
    const text = conn.received().toString('latin1');
    expect(text.startsWith('HTTP/1.1 431 Request Header Fields Too Large\r\n')).toBe(true);
    expect(text).toMatch(/\r\nConnection: close\r\n/);
    await stillServing();
  });

  it('counts header values, many small headers too', async () => {
    const headers: [string, string][] = [['Host', host()]];
    for (let i = 0; i < 200; i++) headers.push([`X-H${i}`, 'v'.repeat(60)]);
    const res = await send(`${fx.url}/faults/mixed/json?n=many`, { headers });
    expect(res.status).toBe(431);
    await stillServing();
  });

  // Documented quota: payload 10 MB; REST and HTTP APIs answer 413 with their own bodies (catalogue).
  it.each([
    ['REST', '/faults/mixed/echo', failures.REQUEST_TOO_LARGE],
    ['HTTP API', '/mixed/echo', failures.HTTP_REQUEST_TOO_LARGE],
  ])('answers a body over 10 MB with 413 (%s)', async (_name, path, failure) => {
    const res = await send(`${fx.url}${path}?n=big`, {
      method: 'POST',
      headers: [['Content-Type', 'application/octet-stream']],
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61),
    });
    expect(res.status).toBe(failure.status);
    expect(res.text()).toBe(failure.body);
    await stillServing();
  });
});

describe('slow clients do not hold up anyone else', () => {
  it('serves others while a client sends its headers one byte at a time, then answers it too', async () => {
    const conn = await rawConnection(fx.url);
    const bytes = `GET /faults/mixed/json?n=slowloris HTTP/1.1\r\nHost: ${host()}\r\n\r\n`;
    const dribble = (async () => {
      for (const char of bytes) {
        conn.socket.write(char);
        await sleep(15);
      }
    })();
    for (let i = 0; i < 10; i++) await stillServing(`during-slowloris-${i}`);
    await dribble;
    const { responses } = await conn.responses(1);
    expect(responses[0]?.status).toBe(200);
    expect(JSON.parse(responses[0]?.body.toString('utf8') ?? '')).toEqual({ nonce: 'slowloris', method: 'GET' });
    conn.socket.destroy();
  });

  it('takes a body that trickles in, byte by byte, and echoes exactly those bytes', async () => {
    const conn = await rawConnection(fx.url);
    const body = Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13, 0x80, 65, 66]);
    conn.socket.write(
      `POST /faults/mixed/echo?n=trickle HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/octet-stream\r\nAccept: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    for (const byte of body) {
      conn.socket.write(Buffer.from([byte]));
      await stillServing();
    }
    const { responses } = await conn.responses(1);
    expect(responses[0]?.status).toBe(200);
    expect(responses[0]?.body.equals(body)).toBe(true);
    conn.socket.destroy();
  });

  it('serves others while a client does not read a 3 MB answer, then delivers all of it', async () => {
    const upload = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < upload.length; i++) upload[i] = (i * 7) & 0xff;
    const conn = await rawConnection(fx.url);
    conn.socket.pause();
    conn.socket.write(
      `POST /mixed/echo?n=reader HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${upload.length}\r\n\r\n`,
    );
    conn.socket.write(upload);
    for (let i = 0; i < 10; i++) await stillServing(`during-slow-reader-${i}`);
    conn.socket.resume();
    const { responses } = await conn.responses(1, 20_000);
    expect(responses[0]?.status).toBe(200);
    expect(responses[0]?.body.equals(upload)).toBe(true);
    conn.socket.destroy();
  });
});

describe('clients that disconnect', () => {
  it('keeps serving after clients vanish before, during and after their answers', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x42);
    const vanish = async (bytes: Buffer | string, after: 'sent' | 'first-byte') => {
      const conn = await rawConnection(fx.url);
      conn.socket.write(bytes);
      if (after === 'first-byte') await new Promise((resolve) => conn.socket.once('data', resolve));
      conn.socket.destroy();
    };
    const echoHead = (length: number) =>
      `POST /faults/mixed/echo?n=gone HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/octet-stream\r\nAccept: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n`;
    await Promise.all([
      // before the answer
      ...Array.from({ length: 10 }, () => vanish(`GET /faults/mixed/json?n=gone HTTP/1.1\r\nHost: ${host()}\r\n\r\n`, 'sent')),
      // in the middle of the request body
      ...Array.from({ length: 5 }, () => vanish(`${echoHead(1000)}only part of it`, 'sent')),
      // in the middle of a 2 MB answer
      ...Array.from({ length: 5 }, () => vanish(Buffer.concat([Buffer.from(echoHead(big.length)), big]), 'first-byte')),
    ]);
    for (let i = 0; i < 10; i++) await stillServing(`after-vanish-${i}`);
  });
});

describe('what a handler puts in its headers cannot reach the wire unchecked', () => {
  // Handler header values with CR/LF, other control characters, or characters beyond Latin-1 cannot be carried by
  // HTTP/1.1; gatehouse drops those headers (AWS's handling is not established: RESPONSE_HEADER_DROPPED) and sends
  // the function's status and body with every other header.
  it.each([
    ['REST', '/faults/fault/header-injection'],
    ['HTTP API', '/fault/header-injection'],
  ])('drops unsendable header values and injects nothing (%s)', async (_name, path) => {
    const conn = await rawConnection(fx.url);
    // Two requests in one write: the second answer must follow the first cleanly on the same connection.
    conn.socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\n\r\nGET /faults/mixed/json?n=second HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
    );
    const { responses } = await conn.responses(2);
    conn.socket.destroy();
    const [first, second] = responses;
    expect(first?.status).toBe(200);
    expect(first?.body.toString()).toBe('headers');
    expect(first?.header('X-Fine')).toBe('kept');
    const names = (first?.headers ?? []).map(([n]) => n.toLowerCase());
    for (const dropped of ['x-split', 'x-newline', 'x-control', 'x-wide', 'x-injected', 'set-cookie']) {
      expect(names).not.toContain(dropped);
    }
    expect(second?.status).toBe(200);
    expect(JSON.parse(second?.body.toString() ?? '')).toEqual({ nonce: 'second', method: 'GET' });
  });

  it('explains each dropped header in the trace', async () => {
    const res = await fx.gateway.inject({ path: '/faults/fault/header-injection' });
    expect(res.trace.notices.filter((n) => n.code === 'RESPONSE_HEADER_DROPPED')).toHaveLength(4);
  });

  // A 1xx is an interim answer in HTTP/1.1: sent as a final one, the client would wait for another and the
  // keep-alive connection would fall out of step. gatehouse treats it as a malformed result (not established on AWS).
  it.each([
    ['REST', '/faults/fault/interim', 502, '{"message": "Internal server error"}'],
    ['HTTP API', '/fault/interim', 500, '{"message":"Internal Server Error"}'],
  ])('answers a 1xx statusCode as a malformed result and stays in step (%s)', async (_name, path, status, body) => {
    const conn = await rawConnection(fx.url);
    conn.socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\n\r\nGET /faults/mixed/json?n=after-interim HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
    );
    const { responses } = await conn.responses(2);
    conn.socket.destroy();
    expect(responses.map((r) => r.status)).toEqual([status, 200]);
    expect(responses[0]?.body.toString()).toBe(body);
    expect(JSON.parse(responses[1]?.body.toString() ?? '')).toEqual({ nonce: 'after-interim', method: 'GET' });
  });
});

describe('nothing leaks between requests on one connection', () => {
  it('answers 30 pipelined requests in order, each with its own nonce', async () => {
    const conn = await rawConnection(fx.url);
    const nonces = Array.from({ length: 30 }, (_, i) => `pipelined-${i}`);
    const kinds = ['json', 'binary', 'throw'];
    conn.socket.write(
      nonces
        .map(
          (n, i) =>
            `GET ${i % 2 === 0 ? '/faults' : ''}/mixed/${kinds[i % 3]}?n=${n} HTTP/1.1\r\nHost: ${host()}\r\nAccept: application/octet-stream\r\n\r\n`,
        )
        .join(''),
    );
    const { responses } = await conn.responses(nonces.length, 20_000);
    conn.socket.destroy();
    expect(responses).toHaveLength(nonces.length);
    responses.forEach((res, i) => {
      if (kinds[i % 3] === 'throw') expect(res.status).toBe(i % 2 === 0 ? 502 : 500);
      else expect(res.header('X-Nonce')).toBe(nonces[i]);
    });
  });
});
