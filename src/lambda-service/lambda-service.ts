import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FunctionSpec } from '../model/function-spec.js';
import type { LambdaRuntime } from '../runtime/runtime.js';
import type { InvocationLogs } from './invocation-logs.js';
import type { InvokeContext } from './invoke-handler.js';
import { MAX_BODY_BYTES } from './invoke-payload.js';
import { dispatch } from './routes.js';
import type { RequestBody, ServiceRequest, ServiceResponse } from './service-message.js';

/**
 * A local Lambda service endpoint, as `sam local start-lambda` serves it: the Lambda Invoke API over HTTP, so
 * `@aws-sdk/client-lambda` (or `aws lambda invoke --endpoint-url`) can invoke the template's functions.
 * AWS: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export interface LambdaServiceOptions {
  /** The functions to serve (an ApiModel fits). */
  readonly model: { readonly functions: readonly FunctionSpec[] };
  /** Runs the functions; the caller owns it (close() does not dispose it). */
  readonly runtime: LambdaRuntime;
  /** Address to bind; 127.0.0.1 by default. */
  readonly host?: string;
  /** Port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Region and account of the function ARNs the service reports. Default `us-east-1` / `123456789012`. */
  readonly region?: string;
  readonly accountId?: string;
  /** The same InvocationLogs the runtime's logSink feeds, for `LogType: Tail`. */
  readonly logs?: InvocationLogs;
}

export interface StartedLambdaService {
  /** `http://127.0.0.1:<port>`: the endpoint to give a Lambda client. */
  readonly url: string;
  readonly port: number;
  /** Stops listening. Event invocations already accepted keep running on the runtime. */
  close(): Promise<void>;
}

export async function startLambdaService(options: LambdaServiceOptions): Promise<StartedLambdaService> {
  const ctx: InvokeContext = {
    scope: {
      functions: options.model.functions,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
    },
    runtime: options.runtime,
    logs: options.logs,
    // The runtime never rejects for what a function does; its log sink shows how the invocation went.
    runInBackground: (invocation) => void invocation.catch(() => undefined),
  };
  const server = createServer((req, res) => {
    void serve(req, res, ctx);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, ctx: InvokeContext): Promise<void> {
  try {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://lambda.local');
    const request: ServiceRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    writeResponse(res, await dispatch(request, ctx));
  } catch {
    // The client went away mid-request: nothing to answer.
    res.destroy();
  }
}

/** Reads the body, keeping at most MAX_BODY_BYTES + 1 bytes (larger bodies are counted, then refused). */
function readBody(req: IncomingMessage): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.once('end', () => resolve({ bytes: length <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined, length }));
    req.once('error', reject);
  });
}

function writeResponse(res: ServerResponse, response: ServiceResponse): void {
  const headers: [string, string][] = response.headers.map(([name, value]) => [name, value]);
  if (response.status !== 204) headers.push(['Content-Length', String(response.body.length)]);
  res.writeHead(response.status, headers.flat());
  res.end(response.status === 204 ? undefined : response.body);
}
