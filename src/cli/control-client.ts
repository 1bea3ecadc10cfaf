import { request } from 'node:http';
import { UsageError } from './usage-error.js';

/** Calls the control interface of the gatehouse on `port` (loopback only). */
export function callControl(
  port: number,
  method: 'GET' | 'POST',
  action: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: `/_gatehouse/control/${action}`,
        headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
          } catch {
            reject(
              new UsageError(
                `port ${port} answered something that is not gatehouse's control interface (HTTP ${res.statusCode})`,
              ),
            );
          }
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED')
        reject(new UsageError(`no gatehouse is listening on port ${port}; start one with gatehouse start, or pass --port`));
      else reject(error);
    });
    req.end(payload);
  });
}

export function parsePort(value: string | undefined): number {
  const port = Number(value ?? '3000');
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${value}"`);
  return port;
}

export function controlError(json: unknown): string {
  const message =
    typeof json === 'object' && json !== null && 'message' in json
      ? String((json as { message: unknown }).message)
      : JSON.stringify(json);
  return message;
}
