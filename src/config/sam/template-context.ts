import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { IntrinsicResolver, type PseudoParameters, type TemplateResource } from './intrinsics.js';
import type { ParameterTable } from './parameters.js';
import { implicitApiLogicalId } from './read-api-event.js';
import { implicitHttpApiLogicalId } from './read-http-api-event.js';
import { httpApiIdFor, integrationIdFor, resourceIdFor, restApiIdFor, stableId } from './stable-id.js';
import { describeNode, type MapNode } from './template-node.js';

export interface LoadOptions {
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  /** AWS::Region; default us-east-1. */
  readonly region?: string;
  /** AWS::AccountId; default 123456789012. */
  readonly accountId?: string;
  /** AWS::StackName; default `local`. */
  readonly stackName?: string;
}

export function pseudoParametersFor(options: LoadOptions): PseudoParameters {
  const region = options.region ?? 'us-east-1';
  const china = region.startsWith('cn-');
  return {
    region,
    accountId: options.accountId ?? '123456789012',
    stackName: options.stackName ?? 'local',
    // AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
    partition: china ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws',
    urlSuffix: china ? 'amazonaws.com.cn' : 'amazonaws.com',
  };
}

/**
 * The resolver for one template, with what `!Ref` and `!GetAtt` give for its resources: a function's name and
 * ARN (SAM or plain Lambda), a REST API's id and root resource id, an HTTP API's id (SAM or AWS::ApiGatewayV2::Api)
 * and ApiEndpoint, an AWS::ApiGatewayV2::Integration's id. Other resources are not emulated: `!Ref`
 * gives their logical id (their physical name is unknown locally, as in SAM CLI) and `!GetAtt` is an error.
 */
export function createResolver(input: {
  readonly pseudo: PseudoParameters;
  readonly parameters: ParameterTable;
  readonly conditions: MapNode | undefined;
  readonly mappings: MapNode | undefined;
  readonly resources: ReadonlyMap<string, TemplateResource>;
}): { resolver: IntrinsicResolver; functionNameOf: (resource: TemplateResource) => string } {
  const names = new Map<string, string>();
  const naming = new Set<string>();
  const { pseudo } = input;

  const functionNameOf = (resource: TemplateResource): string => {
    const known = names.get(resource.logicalId);
    if (known !== undefined) return known;
    const properties = resource.node.entries.get('Properties');
    const raw = properties?.kind === 'map' ? properties.entries.get('FunctionName') : undefined;
    let name = resource.logicalId;
    if (raw !== undefined) {
      if (naming.has(resource.logicalId)) throw new TemplateError(raw.ref, 'FunctionName refers to itself');
      naming.add(resource.logicalId);
      const value = resolver.resolve(raw);
      naming.delete(resource.logicalId);
      if (typeof value !== 'symbol') {
        if (value.kind !== 'scalar' || typeof value.value !== 'string') {
          throw new TemplateError(raw.ref, `FunctionName must be a string, got ${describeNode(value)}`);
        }
        // AWS: 1 to 64 characters, letters, digits, - and _ (API_CreateFunction.html#FunctionName).
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(value.value)) {
          throw new TemplateError(raw.ref, `FunctionName ${JSON.stringify(value.value)} must be 1-64 letters, digits, - or _`);
        }
        name = value.value;
      }
    }
    names.set(resource.logicalId, name);
    return name;
  };

  const resolver = new IntrinsicResolver({
    ...input,
    refOf(resource) {
      switch (resource.type) {
        case 'AWS::Serverless::Function':
        case 'AWS::Lambda::Function':
          return functionNameOf(resource);
        case 'AWS::Serverless::Api':
        case 'AWS::ApiGateway::RestApi':
          return restApiIdFor(resource.logicalId);
        case 'AWS::Serverless::HttpApi':
        case 'AWS::ApiGatewayV2::Api':
          return httpApiIdFor(resource.logicalId);
        case 'AWS::ApiGatewayV2::Integration':
          return integrationIdFor(resource.logicalId);
        // Cognito pools are not emulated, but authorizers name them: a stable local pool id and app client id
        // (src/auth/rest/rest-cognito-authorizer.ts derives the issuer from them).
        case 'AWS::Cognito::UserPool':
          return userPoolIdFor(pseudo.region, resource.logicalId);
        case 'AWS::Cognito::UserPoolClient':
          return stableId(`userpoolclient:${resource.logicalId}`, 26);
        default:
          return resource.logicalId;
      }
    },
    getAttOf(resource, attribute, usedAt: SourceRef) {
      if (resource.type === 'AWS::Cognito::UserPool' && (attribute === 'Arn' || attribute === 'ProviderURL')) {
        const poolId = userPoolIdFor(pseudo.region, resource.logicalId);
        return attribute === 'Arn'
          ? `arn:${pseudo.partition}:cognito-idp:${pseudo.region}:${pseudo.accountId}:userpool/${poolId}`
          : `cognito-idp.${pseudo.region}.${pseudo.urlSuffix}/${poolId}`;
      }
      const known = knownAttributes[resource.type];
      if (known === attribute) {
        switch (resource.type) {
          case 'AWS::Serverless::Api':
          case 'AWS::ApiGateway::RestApi':
            return resourceIdFor(resource.logicalId, '/');
          case 'AWS::ApiGatewayV2::Api':
            return `https://${httpApiIdFor(resource.logicalId)}.execute-api.${pseudo.region}.${pseudo.urlSuffix}`;
          default:
            return `arn:${pseudo.partition}:lambda:${pseudo.region}:${pseudo.accountId}:function:${functionNameOf(resource)}`;
        }
      }
      const why =
        known === undefined
          ? `${resource.logicalId} is a ${resource.type}, which gatehouse does not emulate`
          : `gatehouse knows ${known} only`;
      throw new TemplateError(
        usedAt,
        `GetAtt ${resource.logicalId}.${attribute} cannot be resolved locally: ${why}; write the value, or use a Parameter and pass it with --parameter-overrides`,
      );
    },
  });
  return { resolver, functionNameOf };
}

/** The one attribute gatehouse can compute for a resource type. */
/** `us-east-1_Ab12Cd34E`: region, underscore, 9 characters, stable per logical id. */
function userPoolIdFor(region: string, logicalId: string): string {
  return `${region}_${stableId(`userpool:${logicalId}`, 9)}`;
}

const knownAttributes: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'Arn',
  'AWS::Lambda::Function': 'Arn',
  'AWS::Serverless::Api': 'RootResourceId',
  'AWS::ApiGateway::RestApi': 'RootResourceId',
  'AWS::ApiGatewayV2::Api': 'ApiEndpoint',
};

/** SAM's implicit API exists when an Api event names no RestApiId; `!Ref ServerlessRestApi` then works. */
export function implicitApiResource(resources: ReadonlyMap<string, TemplateResource>): TemplateResource | undefined {
  return implicitResource(resources, 'Api', 'RestApiId', implicitApiLogicalId, 'AWS::Serverless::Api');
}

/** SAM's implicit HTTP API exists when an HttpApi event names no ApiId; `!Ref ServerlessHttpApi` then works. */
export function implicitHttpApiResource(resources: ReadonlyMap<string, TemplateResource>): TemplateResource | undefined {
  return implicitResource(resources, 'HttpApi', 'ApiId', implicitHttpApiLogicalId, 'AWS::Serverless::HttpApi');
}

function implicitResource(
  resources: ReadonlyMap<string, TemplateResource>,
  eventType: string,
  apiIdKey: string,
  logicalId: string,
  type: string,
): TemplateResource | undefined {
  for (const resource of resources.values()) {
    if (resource.type !== 'AWS::Serverless::Function') continue;
    const properties = resource.node.entries.get('Properties');
    const events = properties?.kind === 'map' ? properties.entries.get('Events') : undefined;
    if (events?.kind !== 'map') continue;
    for (const event of events.entries.values()) {
      if (event.kind !== 'map') continue;
      const eventTypeNode = event.entries.get('Type');
      const props = event.entries.get('Properties');
      const namesApi = props?.kind === 'map' && props.entries.has(apiIdKey);
      if (eventTypeNode?.kind === 'scalar' && eventTypeNode.value === eventType && !namesApi) {
        // Declared by the first such event without an API id: that is where the user can see it come from.
        return { logicalId, type, node: { kind: 'map', entries: new Map(), ref: event.ref } };
      }
    }
  }
  return undefined;
}
