/**
 * Phase: API key and usage plan (part of AWS's method request). A method with apiKeyRequired needs a key from the
 * `x-api-key` header (ApiKeySourceType HEADER) that is enabled and belongs to a usage plan bound to the stage;
 * the plan's throttle and quota are then metered per key.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 */
import { GatewayError } from '../../failures/gateway-error.js';
import type { ApiKey, UsagePlan } from '../../model/usage-plan.js';
import type { SyncStage } from '../context.js';
import { headerValue } from '../http-message.js';
import type { MatchedRoute } from './route-request.js';

/** usageIdentifierKey: the key a Lambda authorizer returned (used when ApiKeySourceType is AUTHORIZER). */
export const checkApiKey: SyncStage<MatchedRoute & { readonly usageIdentifierKey?: string | undefined }, MatchedRoute> = {
  name: 'api-key',
  run(route, ctx) {
    const { deployed, method, resource } = route;
    if (method.apiKeyRequired !== true) return route;
    const api = deployed.deployment.api;
    const where = `${method.httpMethod} ${resource.path} of ${api.logicalId}`;
    // Documented (api-gateway-api-key-source.html): with AUTHORIZER, the key is the Lambda authorizer's usageIdentifierKey.
    const fromAuthorizer = api.apiKeySourceType === 'AUTHORIZER';
    const value = fromAuthorizer ? route.usageIdentifierKey : headerValue(route.parsed.request.headers, 'x-api-key');
    if (value === undefined || value === '') {
      throw new GatewayError(
        'INVALID_API_KEY',
        fromAuthorizer
          ? `${where} requires an API key and ApiKeySourceType is AUTHORIZER, but no Lambda authorizer returned a usageIdentifierKey`
          : `${where} requires an API key and the request has no x-api-key header`,
        {},
        method.source,
      );
    }
    const key = (deployed.apiKeys ?? []).find((k) => k.value === value);
    if (key === undefined) {
      throw new GatewayError(
        'INVALID_API_KEY',
        `x-api-key ${maskKey(value)} is not the value of any API key of the template`,
        {},
        method.source,
      );
    }
    if (!key.enabled) {
      throw new GatewayError(
        'INVALID_API_KEY',
        `API key ${key.logicalId} is disabled (Enabled is not true; an API key is created disabled unless Enabled: true)`,
        {},
        key.source,
      );
    }
    const plan = (deployed.usagePlans ?? []).find((p) => p.apiKeyLogicalIds.includes(key.logicalId));
    if (plan === undefined) {
      throw new GatewayError(
        'INVALID_API_KEY',
        `API key ${key.logicalId} is in no usage plan whose ApiStages include ${api.logicalId} stage ${deployed.stage.name}`,
        {},
        key.source,
      );
    }
    meterUsage(route, key, plan);
    ctx.note(`API Key ${maskKey(key.value)} authorized for usage plan ${plan.id}`);
    return route;
  },
};

function meterUsage(route: MatchedRoute, key: ApiKey, plan: UsagePlan): void {
  const { deployed, method, resource } = route;
  const meter = deployed.meter;
  if (meter === undefined) return;
  const now = Date.now();
  const api = deployed.deployment.api;
  const apiStage = plan.apiStages.find((s) => s.restApiLogicalId === api.logicalId && s.stage === deployed.stage.name);
  const methodKey = `${resource.path}/${method.httpMethod}`;
  const methodThrottle = apiStage?.methodThrottle[methodKey];
  const throttle = methodThrottle ?? plan.throttle;
  const fields = {
    maskedKey: maskKey(key.value),
    apiId: api.id,
    stage: deployed.stage.name,
    planId: plan.id,
    resourceId: resource.id,
    httpMethod: method.httpMethod,
  };
  if (throttle !== undefined && !meter.takeThrottle(plan.id, key.id, methodThrottle ? methodKey : '*', throttle, now)) {
    const rate = throttle.rateLimit ?? 'unlimited';
    const burst = throttle.burstLimit ?? 'unset';
    throw new GatewayError(
      'USAGE_PLAN_THROTTLED',
      `API key ${key.logicalId} used up its token bucket under usage plan ${plan.logicalId}${methodThrottle ? ` for ${methodKey}` : ''} (RateLimit ${rate}/s, BurstLimit ${burst})`,
      { ...fields, rateLimit: typeof rate === 'number' ? rate.toFixed(2) : rate, burstLimit: String(burst) },
      plan.source,
    );
  }
  if (plan.quota !== undefined) {
    const quota = meter.takeQuota(plan.id, key.id, plan.quota, now);
    if (!quota.ok) {
      throw new GatewayError(
        'QUOTA_EXCEEDED',
        `API key ${key.logicalId} made its ${plan.quota.limit} requests for this ${plan.quota.period} under usage plan ${plan.logicalId}`,
        { ...fields, limit: String(plan.quota.limit), period: plan.quota.period },
        plan.source,
      );
    }
  }
}

/** As AWS writes keys in execution logs: all but the last 6 characters masked. */
export function maskKey(value: string): string {
  return `${'*'.repeat(Math.max(0, value.length - 6))}${value.slice(-6)}`;
}
