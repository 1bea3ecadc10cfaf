import type { SourceRef } from './source-ref.js';

/**
 * An API key (AWS::ApiGateway::ApiKey, or one SAM creates for Auth.UsagePlan). Keys and usage plans are account
 * resources: changing them needs no deployment.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
export interface ApiKey {
  readonly logicalId: string;
  /** 10 lowercase alphanumerics, as an ApiKey id. */
  readonly id: string;
  readonly name: string;
  /** The key callers send in `x-api-key`. */
  readonly value: string;
  /** True when the template gives no Value, so gatehouse made one up (printed at start-up). */
  readonly generated: boolean;
  readonly enabled: boolean;
  readonly source: SourceRef;
}

export interface ThrottleSettings {
  /** Requests per second, steady state. */
  readonly rateLimit?: number;
  /** Bucket size. */
  readonly burstLimit?: number;
}

export interface QuotaSettings {
  readonly limit: number;
  readonly period: 'DAY' | 'WEEK' | 'MONTH';
  readonly offset: number;
}

export interface UsagePlanStage {
  /** RestApi.logicalId of the API. */
  readonly restApiLogicalId: string;
  readonly stage: string;
  /** Per-method throttles, keyed `/path/METHOD` as in UsagePlan ApiStage Throttle. */
  readonly methodThrottle: Readonly<Record<string, ThrottleSettings>>;
}

export interface UsagePlan {
  readonly logicalId: string;
  readonly id: string;
  readonly name: string;
  readonly apiStages: readonly UsagePlanStage[];
  readonly throttle?: ThrottleSettings;
  readonly quota?: QuotaSettings;
  /** ApiKey.logicalId of every key in the plan (UsagePlanKey). */
  readonly apiKeyLogicalIds: readonly string[];
  readonly source: SourceRef;
}
