import { createHash } from 'node:crypto';
import type { HttpApi, HttpStageSpec } from '../model/http-api.js';
import type { RestApi, StageSpec } from '../model/rest-api.js';
import type { ApiKey, UsagePlan } from '../model/usage-plan.js';
import type { StageState } from './stage-state.js';
import type { UsageMeter } from './usage-meter.js';

/**
 * An immutable snapshot of an API's definition. A stage serves exactly one deployment; changing the
 * API (routes, binaryMediaTypes, ...) takes effect only through a new deployment.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html
 */
export interface Deployment<Api> {
  /** 6 lowercase alphanumerics, as requestContext.deploymentId shows. */
  readonly id: string;
  /** 1, 2, 3, ... in the order gatehouse made them (`deployment 4`). */
  readonly number: number;
  readonly createdAt: number;
  readonly api: Api;
}

export type RestApiDeployment = Deployment<RestApi>;
export type HttpApiDeployment = Deployment<HttpApi>;

/** The template changed after the stage's deployment was made, and the change waits for `gatehouse deploy`. */
export interface PendingChange {
  readonly templateChangedAt: number;
  /** `1 route added, binaryMediaTypes changed` */
  readonly summary: string;
}

/** A stage of a REST API bound to the deployment it serves. */
export interface DeployedStage {
  /** The stage's current settings (variables, cache, throttling): they apply without a deployment. */
  readonly stage: StageSpec;
  readonly deployment: RestApiDeployment;
  /** Cache and throttling buckets; absent only in hand-built test records. */
  readonly state?: StageState;
  /** Usage plans bound to this stage, and every API key (account resources, no deployment needed). */
  readonly usagePlans?: readonly UsagePlan[];
  readonly apiKeys?: readonly ApiKey[];
  readonly meter?: UsageMeter;
  /** Set when the template has changes for this stage that are not deployed. */
  readonly pending?: PendingChange;
}

/** A stage of an HTTP API bound to the deployment it serves. */
export interface DeployedHttpStage {
  readonly stage: HttpStageSpec;
  readonly deployment: HttpApiDeployment;
}

export function createDeployment<Api extends { readonly id: string }>(
  api: Api,
  sequence: number,
  now = Date.now(),
): Deployment<Api> {
  const id = createHash('sha256')
    .update(`${api.id}:${sequence}:${now}`)
    .digest('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 6);
  return Object.freeze({ id, number: sequence, createdAt: now, api });
}
