import type { AccessLogSetting } from './access-log-setting.js';
import type { MethodAuthorization, RestAuthorizer } from './auth.js';
import type { FunctionSpec } from './function-spec.js';
import type { HttpApi } from './http-api.js';
import type {
  GatewayResponseSpec,
  HttpProxyIntegration,
  LambdaFunctionTarget,
  MappedIntegration,
  MethodRequestRules,
  MethodResponseSpec,
  ModelSpec,
} from './integration.js';
import type { SourceRef } from './source-ref.js';
import type { ApiKey, UsagePlan } from './usage-plan.js';

/** HTTP methods a REST API method can be defined for; `ANY` matches every method not defined explicitly. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/**
 * The Lambda proxy integration (`AWS_PROXY`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
export type LambdaProxyIntegration = {
  readonly type: 'AWS_PROXY';
  /** Integration timeout, 50..29000 ms (SAM `TimeoutInMillis`; default 29000). */
  readonly timeoutInMillis: number;
  readonly source: SourceRef;
  /** The function: its logical id in ApiModel.functions, or a URI naming it through a stage variable. */
} & LambdaFunctionTarget;

export type Integration = LambdaProxyIntegration | MappedIntegration | HttpProxyIntegration;

export interface Method {
  readonly httpMethod: HttpMethod;
  readonly integration: Integration;
  /** Method.apiKeyRequired: callers must send a key of a usage plan bound to the stage (SAM Auth.ApiKeyRequired). */
  readonly apiKeyRequired?: boolean;
  /**
   * The request parameters whose values key the stage cache (`method.request.querystring.type`, ...). AWS keeps
   * them on the integration (Integration.cacheKeyParameters); SAM fills them from RequestParameters with Caching.
   */
  readonly cacheKeyParameters?: readonly string[];
  /** Method responses (non-proxy integrations map their answers onto these). */
  readonly methodResponses?: readonly MethodResponseSpec[];
  /** Request validation: validator, required parameters, models. */
  readonly requestRules?: MethodRequestRules;
  /** authorizationType and authorizer; absent = NONE. */
  readonly authorization?: MethodAuthorization;
  /** Where the method was declared (the SAM `Api` event, or the OpenAPI operation). */
  readonly source: SourceRef;
}

/** A resource of a REST API: its full path template (`/`, `/items/{id}`, `/{proxy+}`) and its methods. */
export interface Resource {
  /** Stable id as AWS shows in requestContext.resourceId (6 lowercase alphanumerics). */
  readonly id: string;
  readonly path: string;
  readonly methods: readonly Method[];
}

export interface MethodSetting {
  /** `*\/*` for all, or `/items/{id}/GET` style resource path + method, as in MethodSettings. */
  readonly resourcePath: string;
  readonly httpMethod: string;
  readonly cachingEnabled?: boolean;
  readonly cacheTtlInSeconds?: number;
  readonly throttlingRateLimit?: number;
  readonly throttlingBurstLimit?: number;
  /** Not settable in CloudFormation (only through UpdateStage); AWS's default is true. */
  readonly requireAuthorizationForCacheControl?: boolean;
  /** Not settable in CloudFormation (only through UpdateStage); AWS's default is SUCCEED_WITH_RESPONSE_HEADER. */
  readonly unauthorizedCacheControlHeaderStrategy?: UnauthorizedCacheControlHeaderStrategy;
}

export type UnauthorizedCacheControlHeaderStrategy =
  | 'FAIL_WITH_403'
  | 'SUCCEED_WITH_RESPONSE_HEADER'
  | 'SUCCEED_WITHOUT_RESPONSE_HEADER';

export interface StageSpec {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly cacheClusterEnabled: boolean;
  readonly methodSettings: readonly MethodSetting[];
  /** AccessLogSetting: a line per request in the stage's Format. */
  readonly accessLogSetting?: AccessLogSetting;
  readonly source: SourceRef;
}

/**
 * A REST API (API Gateway v1) as a deployment snapshot sees it. binaryMediaTypes hold plain media
 * types (`image/png`): SAM's `~1` spelling is translated by the config adapter.
 */
export interface RestApi {
  readonly logicalId: string;
  /** 10 lowercase alphanumerics, like a real API id; derived from the logical id so it is stable. */
  readonly id: string;
  readonly name: string;
  readonly binaryMediaTypes: readonly string[];
  readonly binaryMediaTypesSource?: SourceRef;
  /** Where API keys are read from: the `x-api-key` header (HEADER, the default) or an authorizer. */
  readonly apiKeySourceType?: 'HEADER' | 'AUTHORIZER';
  readonly resources: readonly Resource[];
  readonly stages: readonly StageSpec[];
  /** Customised gateway responses (OpenAPI x-amazon-apigateway-gateway-responses, AWS::ApiGateway::GatewayResponse). */
  readonly gatewayResponses?: readonly GatewayResponseSpec[];
  /** Authorizers (Lambda TOKEN/REQUEST, Cognito user pools) that methods refer to by name. */
  readonly authorizers?: readonly RestAuthorizer[];
  /** Models for request validation, by name. */
  readonly models?: readonly ModelSpec[];
  /** x-amazon-apigateway-minimum-compression-size / MinimumCompressionSize: method responses of at least this size are compressed. */
  readonly minimumCompressionSize?: number;
  /** True for SAM's implicit `ServerlessRestApi`. */
  readonly implicit: boolean;
  readonly source: SourceRef;
}

export interface IgnoredResource {
  /** Logical id; for an ignored event source, `<FunctionLogicalId>.Events.<EventName>`. */
  readonly logicalId: string;
  /** Resource type, or the event's Type (`S3`, `SQS`, ...) for an ignored event source. */
  readonly type: string;
  readonly reason: string;
  /** Where it is declared (the resource, event or property), so start-up can name the line. */
  readonly source?: SourceRef;
}

/** Everything gatehouse serves, as read from the user's files. No I/O in here. */
export interface ApiModel {
  readonly templateFile: string;
  readonly restApis: readonly RestApi[];
  readonly httpApis: readonly HttpApi[];
  readonly functions: readonly FunctionSpec[];
  readonly ignored: readonly IgnoredResource[];
  /** API keys and usage plans (account resources, not part of a deployment). */
  readonly usagePlans?: readonly UsagePlan[];
  readonly apiKeys?: readonly ApiKey[];
  /** Files the API definition was read from besides the template (a local DefinitionUri), for watching. */
  readonly definitionFiles?: readonly string[];
}
