import type { SourceRef } from './source-ref.js';

/**
 * A REST API authorizer (AWS::ApiGateway::Authorizer), as a deployment snapshot sees it.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
 */
export type RestAuthorizer = RestLambdaAuthorizer | RestCognitoAuthorizer;

export interface RestLambdaAuthorizer {
  readonly name: string;
  /** TOKEN: one header, passed as authorizationToken; REQUEST: headers, query strings, stage variables, context. */
  readonly type: 'TOKEN' | 'REQUEST';
  /** Logical id of the authorizer function in ApiModel.functions. */
  readonly functionLogicalId: string;
  /**
   * identitySource entries in API Gateway's spelling: `method.request.header.Authorization`,
   * `method.request.querystring.q`, `stageVariables.v`, `context.sourceIp`. TOKEN has exactly one header.
   * An empty list (REQUEST only) means "no identity sources": the authorizer always runs and is never cached.
   */
  readonly identitySource: readonly string[];
  /** TOKEN only: a regular expression the token must match, or the authorizer is not called (401). */
  readonly identityValidationExpression?: string;
  /** authorizerResultTtlInSeconds: 0..3600, 300 by default, 0 turns caching off. */
  readonly resultTtlInSeconds: number;
  readonly source: SourceRef;
}

export interface RestCognitoAuthorizer {
  readonly name: string;
  readonly type: 'COGNITO_USER_POOLS';
  /** User pool ARNs (`arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}`). */
  readonly providerArns: readonly string[];
  /** The header holding the token (`method.request.header.Authorization`). */
  readonly identitySource: readonly string[];
  readonly identityValidationExpression?: string;
  readonly source: SourceRef;
}

/** Method.authorizationType and what it refers to. */
export type MethodAuthorization =
  | { readonly type: 'NONE' }
  | { readonly type: 'AWS_IAM'; readonly source: SourceRef }
  | { readonly type: 'CUSTOM'; readonly authorizerName: string; readonly source: SourceRef }
  | {
      readonly type: 'COGNITO_USER_POOLS';
      readonly authorizerName: string;
      /** Method.authorizationScopes: with scopes an access token is required and must carry one of them. */
      readonly authorizationScopes: readonly string[];
      readonly source: SourceRef;
    };

/**
 * An HTTP API authorizer (AWS::ApiGatewayV2::Authorizer).
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html
 */
export type HttpAuthorizer = HttpJwtAuthorizer | HttpLambdaAuthorizer;

export interface HttpJwtAuthorizer {
  readonly name: string;
  readonly type: 'JWT';
  /** `$request.header.Authorization` by default. */
  readonly identitySource: readonly string[];
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly source: SourceRef;
}

export interface HttpLambdaAuthorizer {
  readonly name: string;
  readonly type: 'REQUEST';
  readonly functionLogicalId: string;
  readonly payloadFormatVersion: '1.0' | '2.0';
  /** Payload 2.0 only: the function answers `{ isAuthorized, context }` instead of an IAM policy. */
  readonly enableSimpleResponses: boolean;
  /** `$request.header.X`, `$request.querystring.q`, `$context.x`, `$stageVariables.v`; may be empty. */
  readonly identitySource: readonly string[];
  /** 0..3600, 0 by default for HTTP APIs (AuthorizerResultTtlInSeconds). */
  readonly resultTtlInSeconds: number;
  readonly source: SourceRef;
}

/** Route.authorizationType of an HTTP API route. */
export type RouteAuthorization =
  | { readonly type: 'NONE' }
  | { readonly type: 'AWS_IAM'; readonly source: SourceRef }
  | {
      readonly type: 'JWT';
      readonly authorizerName: string;
      readonly authorizationScopes: readonly string[];
      readonly source: SourceRef;
    }
  | { readonly type: 'CUSTOM'; readonly authorizerName: string; readonly source: SourceRef };
