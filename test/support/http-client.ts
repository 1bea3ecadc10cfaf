import { request as httpRequest } from 'node:http';

export interface RawResponse {
  readonly status: number;
  /** Header lines exactly as received: name casing and order kept, repeats kept. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  header(name: string): string | undefined;
  all(name: string): string[];
  text(): string;
  json(): unknown;
}

export interface RawRequest {
  readonly method?: string;
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string | Buffer;
}

/** A plain HTTP/1.1 request over a real socket that keeps header casing and repeats as given. */
export function send(url: string, options: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const flat: string[] = [];
    for (const [name, value] of options.headers ?? []) flat.push(name, value);
    // With raw header arrays Node adds no Host header; HTTP/1.1 requires one.
    if (!flat.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'host')) flat.unshift('Host', new URL(url).host);
    if (options.body !== undefined && !flat.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-length')) {
      flat.push('Content-Length', String(Buffer.byteLength(options.body)));
    }
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: flat, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          headers.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
        const body = Buffer.concat(chunks);
        const all = (name: string) => headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
        resolve({
          status: res.statusCode ?? 0,
          headers,
          body,
          header: (name) => all(name).at(-1),
          all,
          text: () => body.toString('utf8'),
          json: () => JSON.parse(body.toString('utf8')),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
