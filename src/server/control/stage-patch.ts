import type { StageState } from '../../deploy/stage-state.js';
import type { MethodSetting, UnauthorizedCacheControlHeaderStrategy } from '../../model/rest-api.js';

/**
 * UpdateStage's method-setting patch operations (`{"op":"replace","path":"/*\/*\/caching/enabled","value":"true"}`),
 * for the settings CloudFormation cannot set (RequireAuthorizationForCacheControl,
 * UnauthorizedCacheControlHeaderStrategy) and any other cache or throttling setting. Paths as AWS spells them:
 * `/{resourcePath with ~1 for /}/{httpMethod}/{caching|throttling}/{setting}`, or `/*\/*\/...` for the stage.
 * https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateStage-Patch
 */
export class PatchError extends Error {}

const STRATEGIES: readonly UnauthorizedCacheControlHeaderStrategy[] = [
  'FAIL_WITH_403',
  'SUCCEED_WITH_RESPONSE_HEADER',
  'SUCCEED_WITHOUT_RESPONSE_HEADER',
];

export function applyPatchOperations(states: readonly StageState[], operations: unknown): number {
  if (!Array.isArray(operations) || operations.length === 0) throw new PatchError('patchOperations must be a non-empty list');
  const settings = operations.map((op) => toMethodSetting(op));
  for (const state of states) state.methodSettingOverrides = [...state.methodSettingOverrides, ...settings];
  return settings.length;
}

function toMethodSetting(op: unknown): MethodSetting {
  if (typeof op !== 'object' || op === null) throw new PatchError('each patch operation must be {"op","path","value"}');
  const { op: verb, path, value } = op as { op?: unknown; path?: unknown; value?: unknown };
  if (verb !== 'replace') throw new PatchError(`only "replace" operations are supported, got ${JSON.stringify(verb)}`);
  if (typeof path !== 'string' || typeof value !== 'string') throw new PatchError('path and value must be strings');
  const [, rawResource, httpMethod, section, name, extra] = path.split('/');
  if (!rawResource || !httpMethod || !section || !name || extra !== undefined) {
    throw new PatchError(`path ${path} is not /{resourcePath}/{httpMethod}/{caching|throttling}/{setting}`);
  }
  const resourcePath = rawResource === '*' ? '/*' : `/${rawResource.replaceAll('~1', '/').replace(/^\/+/, '')}`;
  const base = { resourcePath, httpMethod: httpMethod.toUpperCase() };
  switch (`${section}/${name}`) {
    case 'caching/enabled':
      return { ...base, cachingEnabled: bool(value, path) };
    case 'caching/ttlInSeconds':
      return { ...base, cacheTtlInSeconds: int(value, path, 0, 3600) };
    case 'caching/requireAuthorizationForCacheControl':
      return { ...base, requireAuthorizationForCacheControl: bool(value, path) };
    case 'caching/unauthorizedCacheControlHeaderStrategy':
      if (!STRATEGIES.includes(value as UnauthorizedCacheControlHeaderStrategy)) {
        throw new PatchError(`${path} must be one of ${STRATEGIES.join(', ')}`);
      }
      return { ...base, unauthorizedCacheControlHeaderStrategy: value as UnauthorizedCacheControlHeaderStrategy };
    case 'throttling/rateLimit':
      return { ...base, throttlingRateLimit: num(value, path) };
    case 'throttling/burstLimit':
      return { ...base, throttlingBurstLimit: int(value, path, 0, 1e9) };
    default:
      throw new PatchError(
        `${path}: gatehouse supports caching/{enabled,ttlInSeconds,requireAuthorizationForCacheControl,unauthorizedCacheControlHeaderStrategy} and throttling/{rateLimit,burstLimit}`,
      );
  }
}

function bool(value: string, path: string): boolean {
  if (value !== 'true' && value !== 'false') throw new PatchError(`${path} must be "true" or "false"`);
  return value === 'true';
}

function num(value: string, path: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n) || n < 0) throw new PatchError(`${path} must be a number`);
  return n;
}

function int(value: string, path: string, min: number, max: number): number {
  const n = num(value, path);
  if (!Number.isInteger(n) || n < min || n > max) throw new PatchError(`${path} must be a whole number from ${min} to ${max}`);
  return n;
}
