import type { MethodSetting, StageSpec, UnauthorizedCacheControlHeaderStrategy } from '../model/rest-api.js';

/**
 * The settings that apply to one method of a stage: the stage-wide `/*` `*` entry of MethodSettings, overridden
 * by the entry for the method's own resource path and HTTP method. Defaults as AWS shows them for a stage
 * (recorded, LocalStack test_apigateway_common.snapshot.json "update-stage": cacheTtlInSeconds 300,
 * requireAuthorizationForCacheControl true, unauthorizedCacheControlHeaderStrategy SUCCEED_WITH_RESPONSE_HEADER).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html
 */
export interface EffectiveMethodSettings {
  /** CachingEnabled from the stage-wide entry or the method's own. */
  readonly cachingEnabled: boolean;
  /** CachingEnabled set on the method's own entry (only such an entry caches methods other than GET). */
  readonly methodCachingEnabled: boolean;
  readonly cacheTtlInSeconds: number;
  readonly throttlingRateLimit?: number;
  readonly throttlingBurstLimit?: number;
  readonly requireAuthorizationForCacheControl: boolean;
  readonly unauthorizedCacheControlHeaderStrategy: UnauthorizedCacheControlHeaderStrategy;
}

export const DEFAULT_CACHE_TTL_SECONDS = 300;

export function effectiveMethodSettings(
  stage: StageSpec,
  overrides: readonly MethodSetting[],
  resourcePath: string,
  httpMethod: string,
): EffectiveMethodSettings {
  const all = [...stage.methodSettings, ...overrides];
  const stageWide = all.filter((s) => s.resourcePath === '/*' && s.httpMethod === '*');
  const own = all.filter(
    (s) => s.resourcePath === resourcePath && (s.httpMethod === httpMethod.toUpperCase() || s.httpMethod === '*'),
  );
  const pick = <K extends keyof MethodSetting>(key: K): MethodSetting[K] | undefined => {
    let value: MethodSetting[K] | undefined;
    for (const s of [...stageWide, ...own]) if (s[key] !== undefined) value = s[key];
    return value;
  };
  let methodCachingEnabled = false;
  for (const s of own) if (s.cachingEnabled !== undefined) methodCachingEnabled = s.cachingEnabled;
  const rate = pick('throttlingRateLimit');
  const burst = pick('throttlingBurstLimit');
  return {
    cachingEnabled: pick('cachingEnabled') ?? false,
    methodCachingEnabled,
    cacheTtlInSeconds: pick('cacheTtlInSeconds') ?? DEFAULT_CACHE_TTL_SECONDS,
    ...(rate === undefined ? {} : { throttlingRateLimit: rate }),
    ...(burst === undefined ? {} : { throttlingBurstLimit: burst }),
    requireAuthorizationForCacheControl: pick('requireAuthorizationForCacheControl') ?? true,
    unauthorizedCacheControlHeaderStrategy: pick('unauthorizedCacheControlHeaderStrategy') ?? 'SUCCEED_WITH_RESPONSE_HEADER',
  };
}

/** What `settingsOfMethod` last worked out for a method, and the settings it came from. */
interface RememberedSettings {
  readonly stage: StageSpec;
  readonly overrides: readonly MethodSetting[];
  readonly resourcePath: string;
  readonly httpMethod: string;
  readonly settings: EffectiveMethodSettings;
}

const remembered = new WeakMap<object, RememberedSettings>();

/**
 * `effectiveMethodSettings` for one method, worked out again only when the stage's settings or overrides change:
 * throttling and the stage cache ask on every request. Both are replaced, never changed in place, when a template
 * or `gatehouse stage` changes them (deploy/stage-state.ts, server/control/stage-patch.ts), so identity tells.
 * `method` is the deployment's method object; its resource path and HTTP method are checked as well.
 */
export function settingsOfMethod(
  stage: StageSpec,
  overrides: readonly MethodSetting[],
  method: object,
  resourcePath: string,
  httpMethod: string,
): EffectiveMethodSettings {
  const known = remembered.get(method);
  if (
    known !== undefined &&
    known.stage === stage &&
    known.overrides === overrides &&
    known.resourcePath === resourcePath &&
    known.httpMethod === httpMethod
  ) {
    return known.settings;
  }
  const settings = effectiveMethodSettings(stage, overrides, resourcePath, httpMethod);
  remembered.set(method, { stage, overrides, resourcePath, httpMethod, settings });
  return settings;
}
