/**
 * The functions a REST API's stages name through stage variables (`function:${stageVariables.fn}`), so the loader
 * can read the local code of each one the template declares. Names no function has are left for the request, which
 * fails as AWS does (src/pipeline/rest/integration-request.ts).
 */
import { resolveFunctionUri } from '../../model/lambda-function-uri.js';
import type { RestApi } from '../../model/rest-api.js';

export interface StageFunctionUri {
  /** The URI with the stage's variables substituted. */
  readonly uri: string;
  readonly functionName: string;
}

export function stageFunctionUris(api: RestApi): StageFunctionUri[] {
  const out: StageFunctionUri[] = [];
  for (const resource of api.resources) {
    for (const method of resource.methods) {
      const integration = method.integration;
      if (integration.type !== 'AWS_PROXY' && integration.type !== 'AWS') continue;
      if (integration.functionUri === undefined) continue;
      for (const stage of api.stages) {
        const resolved = resolveFunctionUri(integration.functionUri, stage.variables);
        if (resolved.functionName !== undefined && resolved.functionName !== '') {
          out.push({ uri: resolved.uri, functionName: resolved.functionName });
        }
      }
    }
  }
  return out;
}
