/**
 * Phase: find the stage, the resource and the method a request addresses.
 * REST APIs answer 403 Missing Authentication Token (not 404) for any path or method they do not define.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
 */
import type { DeployedStage } from '../../deploy/deployment.js';
import { GatewayError } from '../../failures/gateway-error.js';
import type { Method, Resource } from '../../model/rest-api.js';
import type { Stage } from '../context.js';
import { headerValue } from '../http-message.js';
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

/** Finds the deployed stage a request addresses: by `<apiId>.execute-api.*` host, else by stage name. */
export type StageResolver = (host: string | undefined, stageName: string) => DeployedStage | undefined;

export function createRouteRequest(resolveStage: StageResolver): Stage<ParsedRequest, MatchedRoute> {
  return {
    name: 'route-request',
    run(parsed, ctx) {
      // AWS (recorded): `//{stage}/path` is accepted and read as `/{stage}/path`.
      const trimmed = parsed.rawPath.replace(/^\/+/, '');
      const slash = trimmed.indexOf('/');
      const stageName = slash === -1 ? trimmed : trimmed.slice(0, slash);
      const afterStage = slash === -1 ? '' : trimmed.slice(slash);
      const deployed = resolveStage(headerValue(parsed.request.headers, 'host'), decodeURIComponentSafe(stageName));
      if (!deployed) {
        throw new GatewayError(
          'MISSING_AUTHENTICATION_TOKEN',
          stageName === '' ? 'the path names no stage' : `no API has a stage named "${decodeURIComponentSafe(stageName)}"`,
        );
      }
      // AWS (recorded): `/{stage}//path` gives path `/path`, while requestContext.path keeps `/{stage}//path`.
      const path = afterStage === '' ? '/' : afterStage.replace(/^\/+/, '/');
      // AWS (captured, docs/research/aws-recorded-responses.md §7): the root resource of stage `dev` has
      // requestContext.path `/dev/`.
      const requestContextPath = afterStage === '' ? `/${stageName}/` : `/${trimmed}`;
      const found = matchResource(deployed.deployment.restApi.resources, path, parsed.request.method);
      const api = deployed.deployment.restApi;
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
      ctx.recordApi({ id: api.id, logicalId: api.logicalId, stage: deployed.stage.name, resourcePath: found.resource.path });
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
}

type SegmentKind = 0 | 1 | 2; // static, {param}, {greedy+}: lower is more specific

interface Candidate {
  readonly resource: Resource;
  readonly rank: readonly SegmentKind[];
  readonly pathParameters: Record<string, string> | null;
}

/**
 * AWS (recorded, TestApigatewayRouting): a static segment beats `{param}`, which beats `{proxy+}`,
 * whatever the creation order; when the most specific resource lacks the method, a less specific one that
 * defines it (e.g. `OPTIONS /{proxy+}`) takes the request. `ANY` matches methods not defined explicitly.
 * Trailing slashes do not change the match; `{proxy+}` needs at least one segment.
 */
export function matchResource(
  resources: readonly Resource[],
  path: string,
  httpMethod: string,
): { resource: Resource; method: Method | undefined; pathParameters: Record<string, string> | null } | undefined {
  const requestSegments = splitPath(path);
  const candidates: Candidate[] = [];
  for (const resource of resources) {
    const matched = matchPath(splitPath(resource.path), requestSegments);
    if (matched) candidates.push({ resource, ...matched });
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => compareRank(a.rank, b.rank));
  for (const candidate of candidates) {
    const method =
      candidate.resource.methods.find((m) => m.httpMethod === httpMethod) ??
      candidate.resource.methods.find((m) => m.httpMethod === 'ANY');
    if (method) return { resource: candidate.resource, method, pathParameters: candidate.pathParameters };
  }
  const best = candidates[0] as Candidate;
  return { resource: best.resource, method: undefined, pathParameters: best.pathParameters };
}

function splitPath(path: string): string[] {
  let inner = path.startsWith('/') ? path.slice(1) : path;
  if (inner.endsWith('/')) inner = inner.slice(0, -1);
  return inner === '' ? [] : inner.split('/');
}

function matchPath(
  template: readonly string[],
  request: readonly string[],
): { rank: SegmentKind[]; pathParameters: Record<string, string> | null } | undefined {
  const rank: SegmentKind[] = [];
  const params: Record<string, string> = {};
  let hasParams = false;
  for (let i = 0; i < template.length; i++) {
    const segment = template[i] as string;
    const greedy = /^\{(.+)\+\}$/.exec(segment);
    if (greedy) {
      // AWS (recorded): the greedy value is the rest of the path, inner `//` kept, no trailing slash.
      const rest = request.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[greedy[1] as string] = rest.join('/');
      rank.push(2);
      return { rank, pathParameters: params };
    }
    const value = request[i];
    if (value === undefined || value === '') return undefined;
    const param = /^\{(.+)\}$/.exec(segment);
    if (param) {
      params[param[1] as string] = value; // AWS (recorded): path parameters are not URL-decoded.
      hasParams = true;
      rank.push(1);
    } else if (segment === value) {
      rank.push(0);
    } else {
      return undefined;
    }
  }
  if (request.length !== template.length) return undefined;
  return { rank, pathParameters: hasParams ? params : null };
}

function compareRank(a: readonly SegmentKind[], b: readonly SegmentKind[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return b.length - a.length;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
