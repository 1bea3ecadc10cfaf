import { createDeployment, type DeployedHttpStage, type DeployedStage } from '../deploy/deployment.js';
import type { HttpApi } from '../model/http-api.js';
import type { RestApi } from '../model/rest-api.js';
import { firstSegment } from '../pipeline/request-target.js';

/** What a request addresses: a REST stage, an HTTP API stage, or nothing gatehouse serves. */
export type Target =
  | { readonly type: 'rest'; readonly deployed: DeployedStage }
  | { readonly type: 'http'; readonly deployed: DeployedHttpStage }
  | { readonly type: 'none'; readonly answeredBy: 'rest' | 'http' };

/** `{api-id}.execute-api.…` (lower-cased): the API a host name addresses. */
const API_HOST = /^([a-z0-9]+)\.execute-api\./;

/**
 * Which deployed stage serves a request. On AWS every API has its own host name
 * (`{api-id}.execute-api.{region}.amazonaws.com`): REST APIs and named HTTP API stages take the stage from the
 * first path segment, an HTTP API's `$default` stage is served from the root.
 * Locally all APIs share one port, so a request is matched by `Host: {api-id}.execute-api.localhost` when
 * given, else by the first path segment naming a stage, else by an HTTP API's `$default` stage.
 * Two APIs with the same stage name are reachable by host only for all but the first; `ambiguousStages`
 * lets start-up say so.
 */
export class StageTable {
  private restStages: DeployedStage[] = [];
  private httpStages: DeployedHttpStage[] = [];

  constructor(restApis: readonly RestApi[], httpApis: readonly HttpApi[] = []) {
    let sequence = 1;
    for (const api of restApis) {
      const deployment = createDeployment(api, sequence++);
      for (const stage of api.stages) this.restStages.push({ stage, deployment });
    }
    for (const api of httpApis) {
      const deployment = createDeployment(api, sequence++);
      for (const stage of api.stages) this.httpStages.push({ stage, deployment });
    }
  }

  /** Points the front door at new deployments (a deploy, a template reload, a changed stage setting). */
  replace(rest: readonly DeployedStage[], http: readonly DeployedHttpStage[]): void {
    this.restStages = [...rest];
    this.httpStages = [...http];
  }

  rest(): readonly DeployedStage[] {
    return this.restStages;
  }

  http(): readonly DeployedHttpStage[] {
    return this.httpStages;
  }

  resolve(host: string | undefined, rawPath: string): Target {
    const segment = firstSegment(rawPath);
    const apiId = host === undefined ? undefined : API_HOST.exec(host.toLowerCase())?.[1];
    // Loops rather than find() with closures: this runs on every request.
    let named: DeployedHttpStage | undefined;
    let fallback: DeployedHttpStage | undefined;
    for (const s of this.restStages) {
      if (s.stage.name === segment && (!apiId || s.deployment.api.id === apiId)) return { type: 'rest', deployed: s };
    }
    for (const s of this.httpStages) {
      if (apiId && s.deployment.api.id !== apiId) continue;
      if (s.stage.name === segment) {
        named = s;
        break;
      }
      if (s.stage.name === '$default') fallback ??= s;
    }
    const http = named ?? fallback;
    if (http) return { type: 'http', deployed: http };
    const hostApiIsHttp = apiId !== undefined && this.httpStages.some((s) => s.deployment.api.id === apiId);
    const answeredBy = hostApiIsHttp || (this.restStages.length === 0 && this.httpStages.length > 0) ? 'http' : 'rest';
    return { type: 'none', answeredBy };
  }

  ambiguousStages(): string[] {
    const seen = new Map<string, number>();
    for (const s of [...this.restStages, ...this.httpStages]) seen.set(s.stage.name, (seen.get(s.stage.name) ?? 0) + 1);
    return [...seen].filter(([name, n]) => n > 1 || (name === '$default' && n > 1)).map(([name]) => name);
  }
}
