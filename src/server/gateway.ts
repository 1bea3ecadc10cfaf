import { performance } from 'node:perf_hooks';
import type { AuthOptions } from '../auth/auth-options.js';
import { type DeployEvent, type DeployMode, DeploymentManager, type TemplateChange } from '../deploy/deployment-manager.js';
import type { RequestIdentity } from '../integrations/lambda-proxy/build-proxy-event.js';
import type { FunctionSpec } from '../model/function-spec.js';
import type { ApiModel } from '../model/rest-api.js';
import { InvocationContext } from '../pipeline/context.js';
import { createHttpPipeline, type HttpPipeline } from '../pipeline/http/invoke-http-api.js';
import { type GatewayRequest, type GatewayResponse, headerValue } from '../pipeline/http-message.js';
import { splitTarget } from '../pipeline/request-target.js';
import { createRestPipeline, type RestPipeline } from '../pipeline/rest/invoke-rest-api.js';
import type { Trace } from '../pipeline/trace.js';
import type { LambdaRuntime } from '../runtime/runtime.js';
import { renderIndex } from './index-page.js';
import { createRequestIdentity } from './request-identity.js';
import { StageTable } from './stage-table.js';

export interface GatewayOptions {
  readonly model: ApiModel;
  readonly runtime: LambdaRuntime;
  readonly region?: string;
  readonly accountId?: string;
  /** The base URL the server listens on, for the index page and start-up output. */
  readonly baseUrl?: string;
  /** `auto` (default): template changes deploy at once; `manual`: they wait for `gatehouse deploy`. */
  readonly deployMode?: DeployMode;
  /** JWKS files and IAM credentials for authorizers. */
  readonly auth?: AuthOptions;
}

/** One request and everything gatehouse knows about it. */
export interface Exchange {
  readonly request: GatewayRequest;
  readonly response: GatewayResponse;
  readonly trace: Trace;
  readonly ms: number;
  /** The ids and time API Gateway gave the request (for access logs' `$context` variables). */
  readonly identity?: RequestIdentity;
}

/**
 * The emulated API Gateway: every API of the model, each stage bound to its deployment, in front of the
 * Lambda runtime. Sockets are the server's business; `handle` is the whole pipeline without one.
 */
export class Gateway {
  readonly stages: StageTable;
  /** Deployments per stage, stage caches and throttles, usage plans: what `gatehouse deploy` and the control interface drive. */
  readonly deployments: DeploymentManager;
  readonly region: string;
  readonly accountId: string;
  private readonly restPipeline: RestPipeline;
  private readonly httpPipeline: HttpPipeline;
  private functions: Map<string, FunctionSpec>;
  baseUrl: string;

  constructor(options: GatewayOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.baseUrl = options.baseUrl ?? 'http://127.0.0.1:3000';
    this.functions = new Map(options.model.functions.map((f) => [f.logicalId, f]));
    this.deployments = new DeploymentManager(options.model, options.deployMode ? { mode: options.deployMode } : {});
    this.stages = new StageTable([]);
    this.refreshStages();
    const deps = {
      runtime: options.runtime,
      region: this.region,
      accountId: this.accountId,
      functionFor: (id: string) => this.functions.get(id),
      functionNamed: (name: string) => [...this.functions.values()].find((f) => f.functionName === name),
      ...(options.auth ? { auth: options.auth } : {}),
    };
    this.restPipeline = createRestPipeline(deps);
    this.httpPipeline = createHttpPipeline(deps);
  }

  /** The latest valid template's model (what a deploy would publish). */
  get model(): ApiModel {
    return this.deployments.model;
  }

  /**
   * A template that loaded after a change: stage settings, usage plans and functions apply at once (functions'
   * new requests start fresh environments); API changes deploy now or wait for `deploy`, as the mode says.
   */
  applyTemplate(model: ApiModel): TemplateChange {
    const change = this.deployments.applyTemplate(model);
    this.functions = new Map(model.functions.map((f) => [f.logicalId, f]));
    this.refreshStages();
    return change;
  }

  /** `gatehouse deploy [--stage NAME]`. */
  deploy(stageName?: string): DeployEvent[] {
    const events = this.deployments.deploy(stageName);
    this.refreshStages();
    return events;
  }

  /** Re-reads every stage's deployment and settings into the front door. */
  refreshStages(): void {
    this.stages.replace(this.deployments.restStages(), this.deployments.httpStages());
  }

  async handle(request: GatewayRequest): Promise<Exchange> {
    const started = performance.now();
    const identity = createRequestIdentity(request, this.accountId);
    const ctx = new InvocationContext(identity.requestId);
    const index = renderIndex(request, this);
    if (index) return { request, response: index, trace: ctx.trace(), ms: performance.now() - started, identity };
    const target = this.stages.resolve(headerValue(request.headers, 'host'), splitTarget(request.target).rawPath);
    const response =
      target.type === 'http' || (target.type === 'none' && target.answeredBy === 'http')
        ? await this.httpPipeline(request, target.type === 'http' ? target.deployed : undefined, identity, ctx)
        : await this.restPipeline(request, target.type === 'rest' ? target.deployed : undefined, identity, ctx);
    return { request, response, trace: ctx.trace(), ms: performance.now() - started, identity };
  }
}
