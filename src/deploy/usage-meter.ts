import type { QuotaSettings, ThrottleSettings } from '../model/usage-plan.js';
import { BucketTable } from './token-bucket.js';

/**
 * What each API key has used under each usage plan: a token bucket per key and plan (and per method when the
 * plan's ApiStage sets a method throttle), and a request count per quota period. Usage plans are account
 * resources: the meter outlives deployments and template reloads.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
export class UsageMeter {
  readonly #buckets = new BucketTable();
  readonly #counts = new Map<string, { period: string; used: number }>();
  readonly #account = new BucketTable();

  /** The account-level bucket every stage shares: 10000 requests per second, burst 5000 (documented quota). */
  takeAccount(now: number): boolean {
    return this.#account.take('account', 10_000, 5_000, now);
  }

  /** Takes a token from the key's bucket under the plan; false when throttled. */
  takeThrottle(planId: string, keyId: string, scope: string, throttle: ThrottleSettings, now: number): boolean {
    return this.#buckets.take(
      `${planId}/${keyId}/${scope}`,
      throttle.rateLimit ?? Number.POSITIVE_INFINITY,
      throttle.burstLimit ?? Math.max(1, Math.ceil(throttle.rateLimit ?? 1)),
      now,
    );
  }

  /** Counts one request against the quota; false when the period's limit is already used up. */
  takeQuota(planId: string, keyId: string, quota: QuotaSettings, now: number): { ok: boolean; used: number } {
    const period = quotaPeriod(quota, now);
    const key = `${planId}/${keyId}`;
    const count = this.#counts.get(key);
    const used = count?.period === period ? count.used : 0;
    if (used >= quota.limit) return { ok: false, used };
    this.#counts.set(key, { period, used: used + 1 });
    return { ok: true, used: used + 1 };
  }
}

/** The quota period a moment falls in (UTC), shifted by Offset days: `DAY:2024-05-01`, `MONTH:2024-05`. */
export function quotaPeriod(quota: QuotaSettings, now: number): string {
  const shifted = new Date(now - quota.offset * 86_400_000);
  const day = shifted.toISOString().slice(0, 10);
  switch (quota.period) {
    case 'DAY':
      return `DAY:${day}`;
    case 'WEEK': {
      const weekStart = new Date(shifted.getTime() - shifted.getUTCDay() * 86_400_000);
      return `WEEK:${weekStart.toISOString().slice(0, 10)}`;
    }
    case 'MONTH':
      return `MONTH:${day.slice(0, 7)}`;
  }
}
