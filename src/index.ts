/**
 * gatehouse's programmatic entry point: start the emulated API Gateway on a template and drive it from
 * tests, over a socket (`url`) or without one (`inject`).
 */
import { loadSamTemplate } from './config/index.js';
import { formatExplanation } from './failures/explain.js';
import type { ApiModel } from './model/rest-api.js';
import type { GatewayRequest } from './pipeline/http-message.js';
import type { Trace } from './pipeline/trace.js';
import { createProcessRuntime } from './runtime/index.js';
import type { FunctionLogSink, LambdaRuntime } from './runtime/runtime.js';
import { type Exchange, Gateway } from './server/gateway.js';
import { listen } from './server/http-listener.js';

export interface StartGatewayOptions {
  /** Path of the SAM template (YAML or JSON). */
  readonly template: string;
  /** Port to listen on; 0 (the default here) picks a free one. */
  readonly port?: number;
  /** Address to bind; 127.0.0.1 by default. */
  readonly host?: string;
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  /** SAM `--env-vars` content: `{ FunctionLogicalId: { VAR: value }, Parameters: { VAR: value } }`. */
  readonly envVars?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly region?: string;
  readonly accountId?: string;
  /** Function output and START/END/REPORT lines; dropped when absent. */
  readonly onFunctionLog?: FunctionLogSink;
  /** Every request with its response and trace. */
  readonly onExchange?: (exchange: Exchange) => void;
  /** Use this runtime instead of gatehouse's process runtime (it is then not disposed by close()). */
  readonly runtime?: LambdaRuntime;
}

export interface InjectRequest {
  readonly method?: string;
  /** Path with the stage and query, e.g. `/Prod/items?limit=2`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>> | readonly (readonly [string, string])[];
  /** A string or bytes are sent as they are; any other value as JSON. */
  readonly body?: string | Buffer | Uint8Array | object;
  readonly sourceIp?: string;
}

export interface InjectResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  /** Last value of a header, case-insensitive. */
  header(name: string): string | undefined;
  text(): string;
  json(): unknown;
  /** The per-request trace: phases, the Lambda event and raw result, the failure if any. */
  readonly trace: Trace;
  /** The explanation gatehouse prints for this response, if it has one. */
  readonly explanation: string | undefined;
}

export interface StartedGateway {
  readonly url: string;
  readonly model: ApiModel;
  readonly gateway: Gateway;
  inject(request: InjectRequest): Promise<InjectResponse>;
  close(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<StartedGateway> {
  const model = await loadSamTemplate(options.template, {
    ...(options.parameterOverrides ? { parameterOverrides: { ...options.parameterOverrides } } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
  });
  const ownRuntime = options.runtime === undefined;
  const runtime =
    options.runtime ??
    createProcessRuntime({
      ...(options.onFunctionLog ? { logSink: options.onFunctionLog } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.accountId ? { accountId: options.accountId } : {}),
      ...(options.envVars ? { envOverrides: options.envVars } : {}),
    });
  const gateway = new Gateway({
    model,
    runtime,
    ...(options.region ? { region: options.region } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
  });
  const listening = await listen(gateway, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    ...(options.onExchange ? { onExchange: options.onExchange } : {}),
  });
  gateway.baseUrl = listening.url;
  return {
    url: listening.url,
    model,
    gateway,
    inject: async (request) => toInjectResponse(await gateway.handle(toGatewayRequest(request, listening.port))),
    close: async () => {
      await listening.close();
      if (ownRuntime) await runtime.dispose();
    },
  };
}

function toGatewayRequest(request: InjectRequest, port: number): GatewayRequest {
  const headers: [string, string][] = [];
  if (Array.isArray(request.headers)) {
    for (const [name, value] of request.headers as readonly (readonly [string, string])[]) headers.push([name, value]);
  } else if (request.headers) {
    for (const [name, value] of Object.entries(request.headers as Record<string, string | readonly string[]>)) {
      if (typeof value === 'string') headers.push([name, value]);
      else for (const v of value) headers.push([name, v]);
    }
  }
  if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', `127.0.0.1:${port}`]);
  let body: Buffer;
  if (request.body === undefined) body = Buffer.alloc(0);
  else if (typeof request.body === 'string') body = Buffer.from(request.body, 'utf8');
  else if (request.body instanceof Uint8Array) body = Buffer.from(request.body);
  else body = Buffer.from(JSON.stringify(request.body), 'utf8');
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    target: request.path,
    headers,
    body,
    sourceIp: request.sourceIp ?? '127.0.0.1',
    protocol: 'HTTP/1.1',
    localPort: port,
  };
}

function toInjectResponse(exchange: Exchange): InjectResponse {
  const { response, trace } = exchange;
  return {
    status: response.status,
    headers: response.headers,
    body: response.body,
    header: (name) => {
      const lower = name.toLowerCase();
      let found: string | undefined;
      for (const [n, v] of response.headers) if (n.toLowerCase() === lower) found = v;
      return found;
    },
    text: () => response.body.toString('utf8'),
    json: () => JSON.parse(response.body.toString('utf8')),
    trace,
    explanation: formatExplanation(exchange),
  };
}

export { failures } from './failures/catalogue.js';
export type { ApiModel } from './model/rest-api.js';
export type { Trace } from './pipeline/trace.js';
export type { InvokeRequest, InvokeResult, LambdaRuntime } from './runtime/runtime.js';
export type { Exchange } from './server/gateway.js';
