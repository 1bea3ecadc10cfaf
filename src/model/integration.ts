import type { SourceRef } from './source-ref.js';

/**
 * Non-proxy integrations of a REST API (`AWS` with a Lambda URI, `MOCK`, `HTTP`) and `HTTP_PROXY`, in the
 * vocabulary of API Gateway's Integration and IntegrationResponse resources.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html
 */

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html */
export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html */
export type ContentHandling = 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY';

/** A mapping template for one content type, with where its text starts in the user's file. */
export interface MappingTemplate {
  readonly contentType: string;
  readonly template: string;
  /** Where the template is declared; `line` is the file line of the template's first line, when known. */
  readonly source: SourceRef;
}

export interface IntegrationResponseSpec {
  /** The method response status this integration response maps to (`200`, `400`). */
  readonly statusCode: string;
  /** Java regex; undefined for the default response (OpenAPI key `default`). */
  readonly selectionPattern?: string;
  /** `method.response.header.X` → `'literal'` | `integration.response.header.Y` | `integration.response.body[.path]` | ... */
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: readonly MappingTemplate[];
  readonly contentHandling?: ContentHandling;
  readonly source: SourceRef;
}

interface MappedIntegrationBase {
  readonly requestTemplates: readonly MappingTemplate[];
  /** Default WHEN_NO_MATCH. */
  readonly passthroughBehavior: PassthroughBehavior;
  readonly contentHandling?: ContentHandling;
  /** `integration.request.header.X` → `method.request.querystring.y` | `'literal'` | `stageVariables.z` | ... */
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly responses: readonly IntegrationResponseSpec[];
  /** 50..29000 ms, default 29000. */
  readonly timeoutInMillis: number;
  readonly source: SourceRef;
}

/**
 * The function a Lambda integration calls: fixed when the template is read, or, when the URI names it through a
 * stage variable (`function:${stageVariables.fn}`), chosen per request from the stage's variables.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html
 */
export type LambdaFunctionTarget =
  | { readonly functionLogicalId: string; readonly functionUri?: undefined }
  | {
      readonly functionLogicalId?: undefined;
      /** The integration URI as written, with its `${stageVariables.x}` placeholders. */
      readonly functionUri: string;
    };

/** Type `AWS` with a Lambda invocation URI: the non-proxy ("custom") Lambda integration. */
export type LambdaCustomIntegration = MappedIntegrationBase & { readonly type: 'AWS' } & LambdaFunctionTarget;

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html */
export interface MockIntegration extends MappedIntegrationBase {
  readonly type: 'MOCK';
}

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html */
export interface HttpCustomIntegration extends MappedIntegrationBase {
  readonly type: 'HTTP';
  readonly httpMethod: string;
  /** May contain `${stageVariables.x}` and `{pathParam}` placeholders. */
  readonly uri: string;
}

export interface HttpProxyIntegration {
  readonly type: 'HTTP_PROXY';
  readonly httpMethod: string;
  readonly uri: string;
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly timeoutInMillis: number;
  readonly source: SourceRef;
}

export type MappedIntegration = LambdaCustomIntegration | MockIntegration | HttpCustomIntegration;

/** A method response: the statuses and headers a method may answer with. */
export interface MethodResponseSpec {
  readonly statusCode: string;
  /** `method.response.header.X` → required. */
  readonly responseParameters: Readonly<Record<string, boolean>>;
  readonly source: SourceRef;
}

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html */
export interface RequestValidatorSpec {
  readonly name: string;
  readonly validateRequestBody: boolean;
  readonly validateRequestParameters: boolean;
  readonly source: SourceRef;
}

/** A model: a JSON Schema (draft 4) for one content type's request body. */
export interface ModelSpec {
  readonly name: string;
  readonly contentType: string;
  readonly schema: unknown;
  readonly source: SourceRef;
}

/** What a method requires of a request before it reaches the integration. */
export interface MethodRequestRules {
  readonly validator?: RequestValidatorSpec;
  /** `method.request.querystring.q` / `.header.h` / `.path.p` → required. */
  readonly requestParameters: Readonly<Record<string, boolean>>;
  /** Content type → model name. */
  readonly requestModels: Readonly<Record<string, string>>;
}

/** A customised gateway response (x-amazon-apigateway-gateway-responses, AWS::ApiGateway::GatewayResponse). */
export interface GatewayResponseSpec {
  /** DEFAULT_4XX, DEFAULT_5XX, MISSING_AUTHENTICATION_TOKEN, ... */
  readonly responseType: string;
  readonly statusCode?: number;
  /** `gatewayresponse.header.X` → `'literal'` | `method.request.header.y` | `context.z` | `stageVariables.w`. */
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: readonly MappingTemplate[];
  readonly source: SourceRef;
}
