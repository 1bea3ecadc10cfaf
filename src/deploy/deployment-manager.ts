import type { HttpApi } from '../model/http-api.js';
import type { ApiModel, RestApi, StageSpec } from '../model/rest-api.js';
import { createDeployment, type DeployedHttpStage, type DeployedStage, type RestApiDeployment } from './deployment.js';
import { changedFunctions, describeHttpApiChanges, describeRestApiChanges, describeStageChanges } from './describe-changes.js';
import { StageState } from './stage-state.js';
import { UsageMeter } from './usage-meter.js';

/**
 * `auto`: every valid template change is deployed to every stage at once (developer mode). `manual`: AWS's
 * model: API changes wait for `gatehouse deploy`; stage settings, usage plans and functions still apply at once.
 */
export type DeployMode = 'auto' | 'manual';

/** One deployment made: `deployment 4 → stage Prod: 1 route added, binaryMediaTypes changed`. */
export interface DeployEvent {
  readonly apiLogicalId: string;
  readonly deploymentNumber: number;
  readonly deploymentId: string;
  readonly stages: readonly string[];
  readonly changes: readonly string[];
  /** `template` (auto mode, HTTP API auto-deploy, a new stage) or `deploy` (gatehouse deploy). */
  readonly cause: 'template' | 'deploy' | 'new-stage';
}

/** What one valid template change did. */
export interface TemplateChange {
  readonly at: number;
  readonly deployed: readonly DeployEvent[];
  /** Manual mode: stages whose API changed but still serve their deployment. */
  readonly pending: readonly {
    readonly apiLogicalId: string;
    readonly stage: string;
    readonly deploymentNumber: number;
    readonly summary: string;
  }[];
  /** Stage-level settings applied without a deployment, e.g. `stage Prod: MethodSettings changed`. */
  readonly stageSettings: readonly string[];
  /** Functions whose configuration changed: their new requests start fresh environments. */
  readonly functions: readonly string[];
  readonly removedStages: readonly string[];
}

interface RestStageRecord {
  readonly apiLogicalId: string;
  stage: StageSpec;
  deployment: RestApiDeployment;
  readonly state: StageState;
  /** When the template first changed this stage's API after its deployment. */
  staleSince: number | undefined;
}

export class DeploymentManager {
  #model: ApiModel;
  readonly mode: DeployMode;
  readonly #now: () => number;
  readonly meter = new UsageMeter();
  #sequence = 0;
  #rest: RestStageRecord[] = [];
  #http: DeployedHttpStage[] = [];
  #templateError: { readonly message: string; readonly at: number } | undefined;
  #templateChangedAt: number | undefined;

  constructor(model: ApiModel, options: { mode?: DeployMode; now?: () => number } = {}) {
    this.#model = model;
    this.mode = options.mode ?? 'auto';
    this.#now = options.now ?? Date.now;
    const now = this.#now();
    for (const api of model.restApis) {
      const deployment = createDeployment(api, ++this.#sequence, now);
      for (const stage of api.stages) this.#rest.push(this.#record(api.logicalId, stage, deployment));
    }
    for (const api of model.httpApis) {
      const deployment = createDeployment(api, ++this.#sequence, now);
      for (const stage of api.stages) this.#http.push({ stage, deployment });
    }
  }

  /** The latest valid template's model (functions, usage plans, the APIs a deploy would publish). */
  get model(): ApiModel {
    return this.#model;
  }

  get templateError(): { readonly message: string; readonly at: number } | undefined {
    return this.#templateError;
  }

  /** Each REST stage with what it serves now. */
  restStages(): DeployedStage[] {
    return this.#rest.map((r) => {
      const latest = this.#model.restApis.find((a) => a.logicalId === r.apiLogicalId);
      const summary = latest ? describeRestApiChanges(r.deployment.api, latest) : [];
      const apiId = r.deployment.api.logicalId;
      return {
        stage: r.stage,
        deployment: r.deployment,
        state: r.state,
        usagePlans: (this.#model.usagePlans ?? []).filter((p) =>
          p.apiStages.some((s) => s.restApiLogicalId === apiId && s.stage === r.stage.name),
        ),
        apiKeys: this.#model.apiKeys ?? [],
        meter: this.meter,
        ...(summary.length > 0
          ? { pending: { templateChangedAt: r.staleSince ?? this.#now(), summary: summary.join(', ') } }
          : {}),
      };
    });
  }

  httpStages(): DeployedHttpStage[] {
    return [...this.#http];
  }

  /** A template that failed to load: the previous deployments keep serving; status says why. */
  recordTemplateError(message: string): void {
    this.#templateError = { message, at: this.#now() };
  }

  /** A template that loaded: stage settings apply at once; API changes deploy now (auto) or wait (manual). */
  applyTemplate(model: ApiModel): TemplateChange {
    const at = this.#now();
    const previous = this.#model;
    this.#model = model;
    this.#templateError = undefined;
    this.#templateChangedAt = at;
    const stageSettings: string[] = [];
    const deployed: DeployEvent[] = [];
    const removedStages: string[] = [];
    // Stages: kept (their settings updated), removed, or new (deployed at once: there is nothing older to serve).
    const kept: RestStageRecord[] = [];
    for (const record of this.#rest) {
      const api = model.restApis.find((a) => a.logicalId === record.apiLogicalId);
      const stage = api?.stages.find((s) => s.name === record.stage.name);
      if (!api || !stage) {
        removedStages.push(`${record.apiLogicalId} stage ${record.stage.name}`);
        continue;
      }
      const changes = describeStageChanges(record.stage, stage);
      if (changes.length > 0) stageSettings.push(`stage ${stage.name}: ${changes.join(', ')}`);
      record.stage = stage;
      record.state.setCacheCluster(stage.cacheClusterEnabled);
      if (describeRestApiChanges(record.deployment.api, api).length > 0) record.staleSince ??= at;
      else record.staleSince = undefined;
      kept.push(record);
    }
    this.#rest = kept;
    for (const api of model.restApis) {
      const fresh = api.stages.filter(
        (s) => !this.#rest.some((r) => r.apiLogicalId === api.logicalId && r.stage.name === s.name),
      );
      if (fresh.length === 0) continue;
      const deployment = createDeployment(api, ++this.#sequence, at);
      for (const stage of fresh) this.#rest.push(this.#record(api.logicalId, stage, deployment));
      deployed.push(
        this.#event(
          api.logicalId,
          deployment,
          fresh.map((s) => s.name),
          ['new stage'],
          'new-stage',
        ),
      );
    }
    if (this.mode === 'auto') deployed.push(...this.#deployRest(undefined, 'template'));
    deployed.push(...this.#deployHttp(model.httpApis, at));
    const pending = this.restStages().flatMap((s) =>
      s.pending
        ? [
            {
              apiLogicalId: s.deployment.api.logicalId,
              stage: s.stage.name,
              deploymentNumber: s.deployment.number,
              summary: s.pending.summary,
            },
          ]
        : [],
    );
    return {
      at,
      deployed,
      pending,
      stageSettings,
      functions: changedFunctions(previous.functions, model.functions),
      removedStages,
    };
  }

  /** `gatehouse deploy [--stage NAME]`: a new deployment of each changed API for its stages (or the named ones). */
  deploy(stageName?: string): DeployEvent[] {
    if (stageName !== undefined && !this.#rest.some((r) => r.stage.name === stageName)) {
      throw new UnknownStageError(stageName, [...new Set(this.#rest.map((r) => r.stage.name))]);
    }
    return this.#deployRest(stageName, 'deploy');
  }

  /** `gatehouse flush-cache --stage NAME`: empties the cache of every REST stage with that name. */
  flushCache(stageName: string): { apiLogicalId: string; stage: string; entries: number }[] {
    const records = this.#rest.filter((r) => r.stage.name === stageName);
    if (records.length === 0) throw new UnknownStageError(stageName, [...new Set(this.#rest.map((r) => r.stage.name))]);
    return records.map((r) => ({ apiLogicalId: r.apiLogicalId, stage: r.stage.name, entries: r.state.cache.flush(this.#now()) }));
  }

  /** The REST stages named `stageName` (for the control interface's stage settings). */
  stageStates(stageName: string): StageState[] {
    const records = this.#rest.filter((r) => r.stage.name === stageName);
    if (records.length === 0) throw new UnknownStageError(stageName, [...new Set(this.#rest.map((r) => r.stage.name))]);
    return records.map((r) => r.state);
  }

  /** Deployments per stage, cache entries, pending changes and the last template error. */
  status() {
    const now = this.#now();
    return {
      mode: this.mode,
      templateFile: this.#model.templateFile,
      templateChangedAt: this.#templateChangedAt === undefined ? null : new Date(this.#templateChangedAt).toISOString(),
      templateError: this.#templateError
        ? { message: this.#templateError.message, at: new Date(this.#templateError.at).toISOString() }
        : null,
      restStages: this.restStages().map((s) => ({
        api: s.deployment.api.logicalId,
        apiId: s.deployment.api.id,
        stage: s.stage.name,
        deployment: {
          number: s.deployment.number,
          id: s.deployment.id,
          createdAt: new Date(s.deployment.createdAt).toISOString(),
        },
        pending: s.pending ? { since: new Date(s.pending.templateChangedAt).toISOString(), changes: s.pending.summary } : null,
        cacheClusterEnabled: s.stage.cacheClusterEnabled,
        cacheEntries: (s.state?.cache.entries(now) ?? []).map((e) => ({
          key: e.key,
          storedFor: e.storedFor,
          status: e.status,
          ageSeconds: Math.floor((now - e.storedAt) / 1000),
          ttlSeconds: e.ttlSeconds,
          deployment: e.deploymentNumber,
        })),
      })),
      httpStages: this.#http.map((s) => ({
        api: s.deployment.api.logicalId,
        stage: s.stage.name,
        deployment: { number: s.deployment.number, id: s.deployment.id },
      })),
    };
  }

  #record(apiLogicalId: string, stage: StageSpec, deployment: RestApiDeployment): RestStageRecord {
    return { apiLogicalId, stage, deployment, state: new StageState(stage.cacheClusterEnabled), staleSince: undefined };
  }

  #deployRest(stageName: string | undefined, cause: DeployEvent['cause']): DeployEvent[] {
    const events: DeployEvent[] = [];
    const now = this.#now();
    for (const api of this.#model.restApis) {
      const records = this.#rest.filter(
        (r) => r.apiLogicalId === api.logicalId && (stageName === undefined || r.stage.name === stageName),
      );
      const changed = records.filter((r) => describeRestApiChanges(r.deployment.api, api).length > 0);
      if (changed.length === 0) continue;
      const changes = describeRestApiChanges((changed[0] as RestStageRecord).deployment.api, api);
      const deployment = createDeployment(api, ++this.#sequence, now);
      for (const record of changed) {
        record.deployment = deployment;
        record.staleSince = undefined;
      }
      events.push(
        this.#event(
          api.logicalId,
          deployment,
          changed.map((r) => r.stage.name),
          changes,
          cause,
        ),
      );
    }
    return events;
  }

  /** HTTP API stages SAM creates deploy automatically (AutoDeploy), so their changes apply at once. */
  #deployHttp(apis: readonly HttpApi[], at: number): DeployEvent[] {
    const events: DeployEvent[] = [];
    const next: DeployedHttpStage[] = [];
    for (const api of apis) {
      const current = this.#http.find((s) => s.deployment.api.logicalId === api.logicalId);
      const changes = current ? describeHttpApiChanges(current.deployment.api, api) : ['new API'];
      const stagesChanged = current
        ? current.deployment.api.stages.map((s) => s.name).join() !== api.stages.map((s) => s.name).join()
        : true;
      const deployment =
        current && changes.length === 0 && !stagesChanged ? current.deployment : createDeployment(api, ++this.#sequence, at);
      for (const stage of api.stages) next.push({ stage, deployment });
      if (deployment !== current?.deployment) {
        events.push(
          this.#event(
            api.logicalId,
            deployment,
            api.stages.map((s) => s.name),
            changes.length > 0 ? changes : ['stages changed'],
            'template',
          ),
        );
      }
    }
    this.#http = next;
    return events;
  }

  #event(
    apiLogicalId: string,
    deployment: { id: string; number: number },
    stages: string[],
    changes: readonly string[],
    cause: DeployEvent['cause'],
  ): DeployEvent {
    return { apiLogicalId, deploymentNumber: deployment.number, deploymentId: deployment.id, stages, changes, cause };
  }
}

export class UnknownStageError extends Error {
  constructor(
    readonly stageName: string,
    readonly known: readonly string[],
  ) {
    super(`no REST API has a stage named ${JSON.stringify(stageName)}; stages: ${known.join(', ') || 'none'}`);
    this.name = 'UnknownStageError';
  }
}

export type { RestApi };
