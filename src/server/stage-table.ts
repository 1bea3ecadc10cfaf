import { createDeployment, type DeployedStage } from '../deploy/deployment.js';
import type { RestApi } from '../model/rest-api.js';

/**
 * Which deployed stage serves a request. On AWS every API has its own host name
 * (`{api-id}.execute-api.{region}.amazonaws.com`) and the first path segment names the stage. Locally all
 * APIs share one port, so a request is matched by `Host: {api-id}.execute-api.localhost` when given, else by
 * stage name alone. Two APIs with the same stage name are reachable by host only for all but the first;
 * `ambiguousStages` lets start-up say so.
 */
export class StageTable {
  private readonly stages: DeployedStage[] = [];

  constructor(restApis: readonly RestApi[]) {
    let sequence = 1;
    for (const api of restApis) {
      const deployment = createDeployment(api, sequence++);
      for (const stage of api.stages) this.stages.push({ stage, deployment });
    }
  }

  all(): readonly DeployedStage[] {
    return this.stages;
  }

  resolve = (host: string | undefined, stageName: string): DeployedStage | undefined => {
    const apiId = host?.toLowerCase().match(/^([a-z0-9]+)\.execute-api\./)?.[1];
    if (apiId) return this.stages.find((s) => s.deployment.restApi.id === apiId && s.stage.name === stageName);
    return this.stages.find((s) => s.stage.name === stageName);
  };

  ambiguousStages(): string[] {
    const seen = new Map<string, number>();
    for (const s of this.stages) seen.set(s.stage.name, (seen.get(s.stage.name) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([name]) => name);
  }
}
