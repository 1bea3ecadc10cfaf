export type { AccessLogSetting } from './access-log-setting.js';
export type {
  HttpAuthorizer,
  HttpJwtAuthorizer,
  HttpLambdaAuthorizer,
  MethodAuthorization,
  RestAuthorizer,
  RestCognitoAuthorizer,
  RestLambdaAuthorizer,
  RouteAuthorization,
} from './auth.js';
export type { FunctionSpec } from './function-spec.js';
export type { CorsConfiguration, HttpApi, HttpLambdaIntegration, HttpRoute, HttpStageSpec } from './http-api.js';
export type {
  ContentHandling,
  GatewayResponseSpec,
  HttpCustomIntegration,
  HttpProxyIntegration,
  IntegrationResponseSpec,
  LambdaCustomIntegration,
  LambdaFunctionTarget,
  MappedIntegration,
  MappingTemplate,
  MethodRequestRules,
  MethodResponseSpec,
  MockIntegration,
  ModelSpec,
  PassthroughBehavior,
  RequestValidatorSpec,
} from './integration.js';
export type {
  ApiModel,
  HttpMethod,
  IgnoredResource,
  Integration,
  LambdaProxyIntegration,
  Method,
  MethodSetting,
  Resource,
  RestApi,
  StageSpec,
  UnauthorizedCacheControlHeaderStrategy,
} from './rest-api.js';
export { formatSourceRef, type SourceRef } from './source-ref.js';
export type { ApiKey, QuotaSettings, ThrottleSettings, UsagePlan, UsagePlanStage } from './usage-plan.js';
