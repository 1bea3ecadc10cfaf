import type { AccessLogSetting } from './access-log-setting.js';
import type { HttpAuthorizer, RouteAuthorization } from './auth.js';
import type { SourceRef } from './source-ref.js';

/**
 * An HTTP API (API Gateway v2), as its deployment snapshot sees it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html
 */
export interface HttpApi {
  readonly logicalId: string;
  /** 10 lowercase alphanumerics, stable per logical id. */
  readonly id: string;
  readonly name: string;
  readonly routes: readonly HttpRoute[];
  /** `$default` (served at the API root) and/or named stages (served at `/<name>/`). */
  readonly stages: readonly HttpStageSpec[];
  readonly cors?: CorsConfiguration;
  /** JWT and Lambda authorizers that routes refer to by name. */
  readonly authorizers?: readonly HttpAuthorizer[];
  /** True for SAM's implicit `ServerlessHttpApi`. */
  readonly implicit: boolean;
  /** `disableExecuteApiEndpoint` etc. are not modelled. */
  readonly source: SourceRef;
}

/** `GET /items/{id}`, `ANY /{proxy+}` or `$default`. */
export interface HttpRoute {
  readonly routeKey: string;
  /** Upper-case method or `ANY`; undefined for `$default`. */
  readonly method?: string;
  /** Path template; undefined for `$default`. */
  readonly path?: string;
  readonly integration: HttpLambdaIntegration;
  /** authorizationType and authorizer; absent = NONE. */
  readonly authorization?: RouteAuthorization;
  readonly source: SourceRef;
}

/**
 * An `AWS_PROXY` Lambda integration of an HTTP API.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export interface HttpLambdaIntegration {
  readonly type: 'AWS_PROXY';
  readonly functionLogicalId: string;
  /** `2.0` is SAM's default for HttpApi events. */
  readonly payloadFormatVersion: '1.0' | '2.0';
  /** 50..30000 ms; default 30000. */
  readonly timeoutInMillis: number;
  readonly source: SourceRef;
}

export interface HttpStageSpec {
  /** `$default` or a stage name. */
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  /** AccessLogSettings: a line per request in the stage's Format. */
  readonly accessLogSetting?: AccessLogSetting;
  readonly source: SourceRef;
}

/**
 * CorsConfiguration of an HTTP API, in the API's own vocabulary.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export interface CorsConfiguration {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials: boolean;
  readonly source: SourceRef;
}
