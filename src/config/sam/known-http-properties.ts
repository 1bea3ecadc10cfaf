// Property names of the HTTP API resources, for "did you mean" errors on misspelled keys (see known-properties.ts).
// SAM: samtranslator/model/sam_resources.py (SamHttpApi.property_types) and eventsources/push.py (HttpApi);
//      https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html
// CloudFormation: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
//      (and -route, -integration, -stage, -apigatewaymanagedoverrides), aws-resource-lambda-function.html

export const httpApiProperties = [
  'AccessLogSettings',
  'Auth',
  'CorsConfiguration',
  'DefaultRouteSettings',
  'DefinitionBody',
  'DefinitionUri',
  'Description',
  'DisableExecuteApiEndpoint',
  'Domain',
  'FailOnWarnings',
  'Name',
  'PropagateTags',
  'RouteSettings',
  'StageName',
  'StageVariables',
  'Tags',
] as const;

/** `Stage` is accepted by samtranslator (push.py HttpApi.property_types) though the docs do not list it. */
export const httpApiEventProperties = [
  'ApiId',
  'Auth',
  'Method',
  'Path',
  'PayloadFormatVersion',
  'RouteSettings',
  'Stage',
  'TimeoutInMillis',
] as const;

/** SAM's HttpApiCorsConfiguration and CloudFormation's AWS::ApiGatewayV2::Api Cors use the same keys. */
export const corsConfigurationKeys = [
  'AllowCredentials',
  'AllowHeaders',
  'AllowMethods',
  'AllowOrigins',
  'ExposeHeaders',
  'MaxAge',
] as const;

export const v2ApiProperties = [
  'ApiKeySelectionExpression',
  'BasePath',
  'Body',
  'BodyS3Location',
  'CorsConfiguration',
  'CredentialsArn',
  'Description',
  'DisableExecuteApiEndpoint',
  'DisableSchemaValidation',
  'FailOnWarnings',
  'IpAddressType',
  'Name',
  'ProtocolType',
  'RouteKey',
  'RouteSelectionExpression',
  'Tags',
  'Target',
  'Version',
] as const;

export const v2RouteProperties = [
  'ApiId',
  'ApiKeyRequired',
  'AuthorizationScopes',
  'AuthorizationType',
  'AuthorizerId',
  'ModelSelectionExpression',
  'OperationName',
  'RequestModels',
  'RequestParameters',
  'RouteKey',
  'RouteResponseSelectionExpression',
  'Target',
] as const;

export const v2IntegrationProperties = [
  'ApiId',
  'ConnectionId',
  'ConnectionType',
  'ContentHandlingStrategy',
  'CredentialsArn',
  'Description',
  'IntegrationMethod',
  'IntegrationSubtype',
  'IntegrationType',
  'IntegrationUri',
  'PassthroughBehavior',
  'PayloadFormatVersion',
  'RequestParameters',
  'RequestTemplates',
  'ResponseParameters',
  'TemplateSelectionExpression',
  'TimeoutInMillis',
  'TlsConfig',
] as const;

export const v2StageProperties = [
  'AccessLogSettings',
  'AccessPolicyId',
  'ApiId',
  'AutoDeploy',
  'ClientCertificateId',
  'DefaultRouteSettings',
  'DeploymentId',
  'Description',
  'RouteSettings',
  'StageName',
  'StageVariables',
  'Tags',
] as const;

export const lambdaFunctionProperties = [
  'Architectures',
  'CapacityProviderConfig',
  'Code',
  'CodeSigningConfigArn',
  'DeadLetterConfig',
  'Description',
  'DurableConfig',
  'Environment',
  'EphemeralStorage',
  'FileSystemConfigs',
  'FunctionName',
  'FunctionScalingConfig',
  'Handler',
  'ImageConfig',
  'KmsKeyArn',
  'Layers',
  'LoggingConfig',
  'MemorySize',
  'PackageType',
  'PublishToLatestPublished',
  'RecursiveLoop',
  'ReservedConcurrentExecutions',
  'Role',
  'Runtime',
  'RuntimeManagementConfig',
  'SnapStart',
  'Tags',
  'TenancyConfig',
  'Timeout',
  'TracingConfig',
  'VpcConfig',
] as const;
