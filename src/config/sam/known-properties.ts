import { TemplateError } from '../template-error.js';
import { findClosestKey } from './closest-key.js';
import type { MapNode } from './template-node.js';

// The property names SAM accepts, from the SAM specification
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html,
//  sam-resource-api.html, sam-property-function-api.html) and samtranslator's schema_source. A key outside
// these lists is a typo far more often than a brand-new SAM property, so it is an error with a suggestion.

export const functionProperties = [
  'Architectures',
  'AssumeRolePolicyDocument',
  'AutoPublishAlias',
  'AutoPublishAliasAllProperties',
  'AutoPublishCodeSha256',
  'CapacityProviderConfig',
  'CodeSigningConfigArn',
  'CodeUri',
  'DeadLetterQueue',
  'DeploymentPreference',
  'Description',
  'DurableConfig',
  'Environment',
  'EphemeralStorage',
  'EventInvokeConfig',
  'Events',
  'FileSystemConfigs',
  'FunctionName',
  'FunctionScalingConfig',
  'FunctionUrlConfig',
  'Handler',
  'ImageConfig',
  'ImageUri',
  'InlineCode',
  'KmsKeyArn',
  'Layers',
  'LoggingConfig',
  'MemorySize',
  'PackageType',
  'PermissionsBoundary',
  'Policies',
  'PropagateTags',
  'ProvisionedConcurrencyConfig',
  'RecursiveLoop',
  'ReservedConcurrentExecutions',
  'Role',
  'RolePath',
  'Runtime',
  'RuntimeManagementConfig',
  'SnapStart',
  'SourceKMSKeyArn',
  'Tags',
  'Timeout',
  'Tracing',
  'VersionDescription',
  'VpcConfig',
] as const;

export const apiProperties = [
  'AccessLogSetting',
  'AlwaysDeploy',
  'ApiKeySourceType',
  'Auth',
  'BinaryMediaTypes',
  'CacheClusterEnabled',
  'CacheClusterSize',
  'CanarySetting',
  'Cors',
  'DefinitionBody',
  'DefinitionUri',
  'Description',
  'DisableExecuteApiEndpoint',
  'Domain',
  'EndpointConfiguration',
  'FailOnWarnings',
  'GatewayResponses',
  'MergeDefinitions',
  'MethodSettings',
  'MinimumCompressionSize',
  'Mode',
  'Models',
  'Name',
  'OpenApiVersion',
  'Policy',
  'PropagateTags',
  'StageName',
  'Tags',
  'TracingEnabled',
  'Variables',
] as const;

export const apiEventProperties = [
  'Auth',
  'Method',
  'Path',
  'RequestModel',
  'RequestParameters',
  'RestApiId',
  'TimeoutInMillis',
] as const;

export const eventKeys = ['Type', 'Properties'] as const;

/** CloudFormation resource attributes, plus SAM's `IgnoreGlobals` and `Connectors`. */
export const resourceKeys = [
  'Type',
  'Properties',
  'Condition',
  'DependsOn',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'UpdatePolicy',
  'CreationPolicy',
  'IgnoreGlobals',
  'Connectors',
] as const;

export const methodSettingKeys = [
  'CacheDataEncrypted',
  'CacheTtlInSeconds',
  'CachingEnabled',
  'DataTraceEnabled',
  'HttpMethod',
  'LoggingLevel',
  'MetricsEnabled',
  'ResourcePath',
  'ThrottlingBurstLimit',
  'ThrottlingRateLimit',
] as const;

/** Throws on the first key of `map` that is not in `known`, suggesting the closest known key. */
export function checkKnownKeys(map: MapNode, known: readonly string[], owner: string): void {
  for (const [key, value] of map.entries) {
    if (known.includes(key)) continue;
    const closest = findClosestKey(key, known);
    const hint = closest === undefined ? `known properties: ${known.join(', ')}` : `did you mean ${closest}?`;
    throw new TemplateError(value.ref, `unknown property ${key} of ${owner}; ${hint}`);
  }
}
