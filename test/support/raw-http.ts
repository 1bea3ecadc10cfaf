import { connect, type Socket } from 'node:net';

/** One HTTP/1.1 response as the bytes on the wire said it, framed by Content-Length. */
export interface WireResponse {
  readonly statusLine: string;
  readonly status: number;
  /** Header lines as sent: name casing and order kept. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  header(name: string): string | undefined;
}

/**
 * Splits bytes received on one connection into responses. Only Content-Length framing (what gatehouse sends);
 * responses to HEAD, 204 and 304 carry no body whatever Content-Length says (RFC 9112 §6.3).
 */
export function parseResponses(bytes: Buffer, noBody: readonly boolean[] = []): { responses: WireResponse[]; rest: Buffer } {
  const responses: WireResponse[] = [];
  let offset = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', offset, 'latin1');
    if (end === -1) break;
    const lines = bytes.subarray(offset, end).toString('latin1').split('\r\n');
    const statusLine = lines[0] ?? '';
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
    const status = Number(statusLine.split(' ')[1]);
    const length = Number(headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1] ?? '0');
    const bodyless = noBody[responses.length] === true || status === 204 || status === 304 || (status >= 100 && status < 200);
    const bodyLength = bodyless ? 0 : length;
    if (end + 4 + bodyLength > bytes.length) break;
    const body = bytes.subarray(end + 4, end + 4 + bodyLength);
    responses.push({
      statusLine,
      status,
      headers,
      body,
      header: (name) => headers.findLast(([n]) => n.toLowerCase() === name.toLowerCase())?.[1],
    });
    offset = end + 4 + bodyLength;
  }
  return { responses, rest: bytes.subarray(offset) };
}

export interface RawConnection {
  readonly socket: Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves once `count` complete responses arrived (or the connection closed, or `timeoutMs` passed). */
  responses(count: number, timeoutMs?: number): Promise<{ responses: WireResponse[]; closed: boolean }>;
  /** Resolves when the server closes the connection (or after `timeoutMs`). */
  closed(timeoutMs?: number): Promise<boolean>;
}

/** A plain TCP connection to the gateway: write any bytes, read what comes back. */
export function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let isClosed = false;
    const waiters = new Set<() => void>();
    const wake = () => {
      for (const waiter of waiters) waiter();
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      wake();
    });
    socket.on('close', () => {
      isClosed = true;
      wake();
    });
    socket.on('error', () => {
      isClosed = true;
      wake();
    });
    const waitFor = <T>(ready: () => T | undefined, timeoutMs: number, fallback: () => T): Promise<T> =>
      new Promise((done) => {
        const check = () => {
          const value = ready();
          if (value === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          done(value);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          done(fallback());
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    socket.once('connect', () => {
      const received = () => Buffer.concat(chunks);
      resolve({
        socket,
        received,
        responses: (count, timeoutMs = 10_000) => {
          const now = () => ({ responses: parseResponses(received()).responses, closed: isClosed });
          return waitFor(
            () => {
              const state = now();
              return state.responses.length >= count || state.closed ? state : undefined;
            },
            timeoutMs,
            now,
          );
        },
        closed: (timeoutMs = 10_000) =>
          waitFor(
            () => (isClosed ? true : undefined),
            timeoutMs,
            () => false,
          ),
      });
    });
    socket.once('error', reject);
  });
}
