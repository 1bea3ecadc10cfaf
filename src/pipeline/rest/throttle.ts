/**
 * Phase: stage and method throttling. Each method has a token bucket sized by its MethodSettings
 * (ThrottlingBurstLimit) and refilled at ThrottlingRateLimit per second; the stage-wide entry (`/*` `*`) is the
 * default for every method, and the account limit (10000 requests per second, burst 5000) covers them all.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
import { settingsOfMethod } from '../../deploy/method-settings.js';
import { GatewayError } from '../../failures/gateway-error.js';
import type { Method, Resource } from '../../model/rest-api.js';
import type { SyncStage } from '../context.js';
import type { MatchedRoute } from './route-request.js';

/** AWS account-level throttle per Region (documented quota): 10000 requests per second, burst 5000. */
export const ACCOUNT_RATE_LIMIT = 10_000;
export const ACCOUNT_BURST_LIMIT = 5_000;

export const throttleRequest: SyncStage<MatchedRoute, MatchedRoute> = {
  name: 'throttle',
  run(route) {
    const { deployed, method, resource } = route;
    const state = deployed.state;
    if (state === undefined) return route;
    const settings = settingsOfMethod(deployed.stage, state.methodSettingOverrides, method, resource.path, method.httpMethod);
    const rate = settings.throttlingRateLimit ?? ACCOUNT_RATE_LIMIT;
    const burst = settings.throttlingBurstLimit ?? ACCOUNT_BURST_LIMIT;
    const now = Date.now();
    if (!state.buckets.take(bucketKeyOf(method, resource), rate, burst, now)) {
      throw new GatewayError(
        'THROTTLED',
        `${method.httpMethod} ${resource.path} on stage ${deployed.stage.name} is limited to ${rate} requests per second with a burst of ${burst} (MethodSettings ThrottlingRateLimit / ThrottlingBurstLimit${settings.throttlingRateLimit === undefined && settings.throttlingBurstLimit === undefined ? ', account default' : ''}), and its bucket is empty`,
        {},
        deployed.stage.source,
      );
    }
    if (deployed.meter !== undefined && !deployed.meter.takeAccount(now)) {
      throw new GatewayError(
        'THROTTLED',
        `the account limit of ${ACCOUNT_RATE_LIMIT} requests per second (burst ${ACCOUNT_BURST_LIMIT}) is used up`,
      );
    }
    return route;
  },
};

/** `GET /items/{id}`: the method's bucket, named once per method (a new string per request costs a hash per lookup). */
const bucketKeys = new WeakMap<Method, { readonly resource: Resource; readonly key: string }>();

function bucketKeyOf(method: Method, resource: Resource): string {
  const known = bucketKeys.get(method);
  if (known?.resource === resource) return known.key;
  const key = `${method.httpMethod} ${resource.path}`;
  bucketKeys.set(method, { resource, key });
  return key;
}
