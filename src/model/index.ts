export type { FunctionSpec } from './function-spec.js';
export type { CorsConfiguration, HttpApi, HttpLambdaIntegration, HttpRoute, HttpStageSpec } from './http-api.js';
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
} from './rest-api.js';
export { formatSourceRef, type SourceRef } from './source-ref.js';
