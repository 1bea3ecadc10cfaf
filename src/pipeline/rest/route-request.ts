/**
 * Phase: find the stage, the resource and the method a request addresses.
 * REST APIs answer 403 Missing Authentication Token (not 404) for any path or method they do not define.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
 */
import type { DeployedStage } from '../../deploy/deployment.js';
import { GatewayError } from '../../failures/gateway-error.js';
import type { Method, Resource } from '../../model/rest-api.js';
import type { SyncStage } from '../context.js';
import { firstSegment } from '../request-target.js';
import { matchPathTemplates } from '../routing/match-path.js';
import type { ParsedRequest } from './parse-request.js';

export interface MatchedRoute {
  readonly parsed: ParsedRequest;
  readonly deployed: DeployedStage;
  readonly resource: Resource;
  readonly method: Method;
  /** Path without the stage segment (the event's `path`), percent-encoding kept. */
  readonly path: string;
  /** Path as the client sent it after the host, including the stage (requestContext.path). */
  readonly requestContextPath: string;
  /** Raw (not URL-decoded) path parameter values, or null when the resource has none (as in the event). */
  readonly pathParameters: Readonly<Record<string, string>> | null;
}

export interface RoutingInput {
  readonly parsed: ParsedRequest;
  /** The stage the front door chose, or undefined when no REST stage is addressed. */
  readonly deployed: DeployedStage | undefined;
}

const SLASH = 0x2f;

export const routeRequest: SyncStage<RoutingInput, MatchedRoute> = {
  name: 'route-request',
  run({ parsed, deployed }, ctx) {
    // AWS (recorded): `//{stage}/path` is accepted and read as `/{stage}/path`.
    const { rawPath } = parsed;
    const trimmed = rawPath.charCodeAt(1) === SLASH ? rawPath.replace(/^\/+/, '') : rawPath.slice(1);
    const slash = trimmed.indexOf('/');
    const stageName = slash === -1 ? trimmed : trimmed.slice(0, slash);
    const afterStage = slash === -1 ? '' : trimmed.slice(slash);
    if (!deployed) {
      throw new GatewayError(
        'MISSING_AUTHENTICATION_TOKEN',
        stageName === '' ? 'the path names no stage' : `no API has a stage named "${firstSegment(parsed.rawPath)}"`,
      );
    }
    // AWS (recorded): `/{stage}//path` gives path `/path`, while requestContext.path keeps `/{stage}//path`.
    const path = afterStage === '' ? '/' : afterStage.charCodeAt(1) === SLASH ? afterStage.replace(/^\/+/, '/') : afterStage;
    // AWS (captured, docs/research/aws-recorded-responses.md §7): the root resource of stage `dev` has
    // requestContext.path `/dev/`.
    const requestContextPath = afterStage === '' ? `/${stageName}/` : `/${trimmed}`;
    const found = matchResource(deployed.deployment.api.resources, path, parsed.request.method);
    const api = deployed.deployment.api;
    if (!found) {
      throw new GatewayError(
        'MISSING_AUTHENTICATION_TOKEN',
        `no resource of API ${api.logicalId} (stage ${deployed.stage.name}) matches ${parsed.request.method} ${path}`,
        {},
        api.source,
      );
    }
    if (!found.method) {
      const defined = found.resource.methods.map((m) => m.httpMethod).join(', ');
      throw new GatewayError(
        'MISSING_AUTHENTICATION_TOKEN',
        `resource ${found.resource.path} defines ${defined || 'no methods'}, not ${parsed.request.method}`,
        {},
        found.resource.methods[0]?.source ?? api.source,
      );
    }
    ctx.recordApi({
      type: 'REST',
      id: api.id,
      logicalId: api.logicalId,
      stage: deployed.stage.name,
      resourcePath: found.resource.path,
    });
    return {
      parsed,
      deployed,
      resource: found.resource,
      method: found.method,
      path,
      requestContextPath,
      pathParameters: found.pathParameters,
    };
  },
};

/**
 * AWS (recorded, TestApigatewayRouting): the most specific resource wins; when it lacks the method, a less
 * specific one that defines it (e.g. `OPTIONS /{proxy+}`) takes the request. `ANY` matches methods not
 * defined explicitly on the resource.
 */
export function matchResource(
  resources: readonly Resource[],
  path: string,
  httpMethod: string,
): { resource: Resource; method: Method | undefined; pathParameters: Record<string, string> | null } | undefined {
  const candidates = matchPathTemplates(resources, path);
  if (candidates.length === 0) return undefined;
  for (const { item, pathParameters } of candidates) {
    const method = item.methods.find((m) => m.httpMethod === httpMethod) ?? item.methods.find((m) => m.httpMethod === 'ANY');
    if (method) return { resource: item, method, pathParameters };
  }
  const best = candidates[0] as (typeof candidates)[number];
  return { resource: best.item, method: undefined, pathParameters: best.pathParameters };
}
