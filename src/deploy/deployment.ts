import { createHash } from 'node:crypto';
import type { RestApi, StageSpec } from '../model/rest-api.js';

/**
 * An immutable snapshot of a REST API's definition. A stage serves exactly one deployment; changing the
 * API (routes, binaryMediaTypes, ...) takes effect only through a new deployment.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html
 */
export interface RestApiDeployment {
  /** 6 lowercase alphanumerics, as requestContext.deploymentId shows. */
  readonly id: string;
  readonly createdAt: number;
  readonly restApi: RestApi;
}

/** A stage of a REST API bound to the deployment it serves. */
export interface DeployedStage {
  readonly stage: StageSpec;
  readonly deployment: RestApiDeployment;
}

export function createDeployment(restApi: RestApi, sequence: number, now = Date.now()): RestApiDeployment {
  const id = createHash('sha256')
    .update(`${restApi.id}:${sequence}:${now}`)
    .digest('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 6);
  return Object.freeze({ id, createdAt: now, restApi });
}
