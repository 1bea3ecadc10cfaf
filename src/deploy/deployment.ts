import { createHash } from 'node:crypto';
import type { HttpApi, HttpStageSpec } from '../model/http-api.js';
import type { RestApi, StageSpec } from '../model/rest-api.js';

/**
 * An immutable snapshot of an API's definition. A stage serves exactly one deployment; changing the
 * API (routes, binaryMediaTypes, ...) takes effect only through a new deployment.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html
 */
export interface Deployment<Api> {
  /** 6 lowercase alphanumerics, as requestContext.deploymentId shows. */
  readonly id: string;
  readonly createdAt: number;
  readonly api: Api;
}

export type RestApiDeployment = Deployment<RestApi>;
export type HttpApiDeployment = Deployment<HttpApi>;

/** A stage of a REST API bound to the deployment it serves. */
export interface DeployedStage {
  readonly stage: StageSpec;
  readonly deployment: RestApiDeployment;
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
  return Object.freeze({ id, createdAt: now, api });
}
