/**
 * gatehouse's programmatic entry point: start the emulated API Gateway on a template and drive it from
 * tests, over a socket (`url`) or without one (`inject`).
 */
import type { AuthOptions } from './auth/auth-options.js';
import { loadSamTemplate } from './config/index.js';
import { loadOpenApiDefinition } from './config/openapi/load-openapi.js';
import type { DeployMode } from './deploy/deployment-manager.js';
import { formatExplanation } from './failures/explain.js';
import { createInspector } from './inspector/inspector.js';
import { type AccessLogLine, accessLogLine } from './logs/access-log.js';
import type { FunctionSpec } from './model/function-spec.js';
import type { ApiModel } from './model/rest-api.js';
import type { GatewayRequest } from './pipeline/http-message.js';
import type { Trace } from './pipeline/trace.js';
import { type BuildEvent, createCodeBuilder } from './runtime/build/code-builder.js';
import { type ReloadEvent, watchFunctionCode } from './runtime/code-watch.js';
import { createProcessRuntime, type Isolation } from './runtime/index.js';
import type { FunctionLogSink, LambdaRuntime } from './runtime/runtime.js';
import { handleControlRequest } from './server/control/control-interface.js';
import { type Exchange, Gateway } from './server/gateway.js';
import { listen } from './server/http-listener.js';
import { type DeploymentReport, type TemplateReload, watchTemplate } from './server/template-reload.js';

export interface StartGatewayOptions {
  /** Path of the SAM template (YAML or JSON); with `openapi`, the definition file. */
  readonly template: string;
  /**
   * Serve an OpenAPI / Swagger definition instead of a template (`gatehouse start --openapi`), its Lambda URIs
   * mapped to these local functions by function name.
   */
  readonly openapi?: { readonly file: string; readonly functions: readonly FunctionSpec[] };
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
  /**
   * Where Node functions' execution environments run: `thread` (default; a worker thread each, when the
   * function allows it) or `process` (a child process each). Decision 0004.
   */
  readonly isolation?: Isolation;
  /**
   * Hot reload: watch every function's code folder; after a change, rebuild (esbuild functions) and send the
   * function's new requests to fresh environments. Default false (the CLI's `start` turns it on).
   */
  readonly watch?: boolean;
  /** Each hot reload, once the functions' new requests go to fresh environments. */
  readonly onReload?: (event: ReloadEvent) => void;
  /** Each esbuild build (`Metadata: BuildMethod: esbuild`), at start-up and after changes. */
  readonly onBuild?: (event: BuildEvent) => void;
  /**
   * `auto` (default): a changed template is loaded, validated and deployed to every stage at once. `manual`: as
   * on AWS, API changes wait for `gatehouse deploy` (stage settings, usage plans and functions apply at once).
   */
  readonly deployMode?: DeployMode;
  /** Watch the template (and local DefinitionUri files) for changes. Default: the value of `watch`. */
  readonly watchTemplate?: boolean;
  /** Template reloads, deployments and cache flushes (including those made through the control interface). */
  readonly onDeployment?: (report: DeploymentReport) => void;
  /** Each request's access-log line, for stages whose AccessLogSetting has a Format. */
  readonly onAccessLog?: (entry: AccessLogLine, exchange: Exchange) => void;
  /** The web inspector at `<url>/_gatehouse/inspector/` (default true). */
  readonly inspector?: boolean;
  /**
   * Authorization: JWKS files standing in for JWT issuers (`--jwks`), and the credentials SigV4 signatures are
   * verified against (`--iam-credentials`; the CLI adds AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY).
   */
  readonly auth?: AuthOptions;
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
  /** The web inspector's page, unless turned off. */
  readonly inspectorUrl?: string;
  readonly model: ApiModel;
  readonly gateway: Gateway;
  inject(request: InjectRequest): Promise<InjectResponse>;
  close(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<StartedGateway> {
  const loadTemplate = () =>
    options.openapi
      ? loadOpenApiDefinition(options.openapi.file, { functions: options.openapi.functions })
      : loadSamTemplate(options.template, {
          ...(options.parameterOverrides ? { parameterOverrides: { ...options.parameterOverrides } } : {}),
          ...(options.region ? { region: options.region } : {}),
          ...(options.accountId ? { accountId: options.accountId } : {}),
        });
  const model = await loadTemplate();
  const ownRuntime = options.runtime === undefined;
  const builder = createCodeBuilder(options.onBuild ? { onBuild: options.onBuild } : {});
  const runtime =
    options.runtime ??
    createProcessRuntime({
      ...(options.onFunctionLog ? { logSink: options.onFunctionLog } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.accountId ? { accountId: options.accountId } : {}),
      ...(options.envVars ? { envOverrides: options.envVars } : {}),
      ...(options.isolation ? { isolation: options.isolation } : {}),
      codePreparer: builder,
    });
  // As `sam build` before `sam local start-api`: build once now; a failed build is reported, not thrown.
  if (ownRuntime) await builder.build(model.functions);
  const watchCode = (functions: ApiModel['functions']) =>
    watchFunctionCode({ functions, runtime, builder, ...(options.onReload ? { onReload: options.onReload } : {}) });
  let watching = options.watch ? await watchCode(model.functions) : undefined;
  let templateWatch: TemplateReload | undefined;
  const stop = async () => {
    templateWatch?.close();
    watching?.close();
    if (ownRuntime) await runtime.dispose();
    await builder.dispose();
  };
  const gateway = new Gateway({
    model,
    runtime,
    ...(options.region ? { region: options.region } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
    ...(options.deployMode ? { deployMode: options.deployMode } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
  });
  if (options.watchTemplate ?? options.watch ?? false) {
    templateWatch = watchTemplate({
      template: options.template,
      load: loadTemplate,
      gateway,
      ...(options.onDeployment ? { onReport: options.onDeployment } : {}),
      onApplied: async (next, change) => {
        // Functions are Lambda's, not part of an API deployment: new or moved code folders are watched now, and
        // a changed configuration reaches new environments (the runtime starts fresh ones for a changed spec).
        if (options.watch && change.functions.length > 0) {
          watching?.close();
          watching = await watchCode(next.functions);
        }
        if (ownRuntime && change.functions.length > 0) {
          await builder.build(next.functions.filter((f) => change.functions.includes(f.logicalId)));
        }
      },
    });
  }
  // Every request the listener answers, and every replay from the inspector: caller, access log (and the
  // inspector, which records its replays itself).
  const report = (exchange: Exchange) => {
    options.onExchange?.(exchange);
    const accessLog = options.onAccessLog ? accessLogLine(gateway, exchange) : undefined;
    if (accessLog) options.onAccessLog?.(accessLog, exchange);
  };
  const inspector = options.inspector === false ? undefined : createInspector(gateway, { onReplay: report });
  const observe = (exchange: Exchange) => {
    inspector?.record(exchange);
    report(exchange);
  };
  const listening = await listen(gateway, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    onExchange: observe,
    ...(inspector ? { ownPages: inspector.routes } : {}),
    control: (request) => handleControlRequest(gateway, request, options.onDeployment ? { onControl: options.onDeployment } : {}),
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  gateway.baseUrl = listening.url;
  return {
    url: listening.url,
    ...(inspector ? { inspectorUrl: `${listening.url}${inspector.path}` } : {}),
    model,
    gateway,
    inject: async (request) => toInjectResponse(await gateway.handle(toGatewayRequest(request, listening.port))),
    close: async () => {
      await listening.close();
      await stop();
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

export type { AuthOptions, IamCredential } from './auth/auth-options.js';
export type { DeployEvent, DeployMode, TemplateChange } from './deploy/deployment-manager.js';
export { failures } from './failures/catalogue.js';
export type { AccessLogLine } from './logs/access-log.js';
export type { ApiModel } from './model/rest-api.js';
export type { Trace } from './pipeline/trace.js';
export type { BuildEvent } from './runtime/build/code-builder.js';
export type { ReloadEvent } from './runtime/code-watch.js';
export type { InvokeRequest, InvokeResult, LambdaRuntime } from './runtime/runtime.js';
export type { Exchange } from './server/gateway.js';
export type { DeploymentReport } from './server/template-reload.js';
