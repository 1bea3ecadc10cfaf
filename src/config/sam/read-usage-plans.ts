import type { ApiKey, QuotaSettings, SourceRef, ThrottleSettings, UsagePlan, UsagePlanStage } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { restApiIdFor, stableId } from './stable-id.js';
import { describeNode, type MapNode } from './template-node.js';

/**
 * API keys and usage plans: `AWS::ApiGateway::ApiKey`, `AWS::ApiGateway::UsagePlan`, `AWS::ApiGateway::UsagePlanKey`
 * and the ones SAM creates for `AWS::Serverless::Api` `Auth.UsagePlan`.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-usageplan.html,
 *      https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiusageplan.html
 */
export interface UsagePlanReading {
  readonly plans: UsagePlan[];
  readonly keys: ApiKey[];
}

/** A key value that stays the same from run to run (AWS generates 40 random characters; locally they are printed). */
export function generatedKeyValue(logicalId: string): string {
  return stableId(`apikey-value:${logicalId}:1`, 20) + stableId(`apikey-value:${logicalId}:2`, 20);
}

export function readApiKeyResource(resource: TemplateResource, properties: MapNode, resolver: IntrinsicResolver): ApiKey {
  checkKnownKeys(
    properties,
    ['CustomerId', 'Description', 'Enabled', 'GenerateDistinctId', 'Name', 'StageKeys', 'Tags', 'Value'],
    'AWS::ApiGateway::ApiKey',
  );
  const props = new PropertyReader(resolver, properties);
  const value = props.string('Value');
  if (value !== undefined && value.length < 20) {
    // AWS: CreateApiKey rejects values shorter than 20 characters ("API Key value should be at least 20 characters").
    throw new TemplateError(props.refOf('Value'), `an API key Value must be at least 20 characters, got ${value.length}`);
  }
  return {
    logicalId: resource.logicalId,
    id: stableId(`apikey:${resource.logicalId}`, 10),
    name: props.string('Name') ?? resource.logicalId,
    value: value ?? generatedKeyValue(resource.logicalId),
    generated: value === undefined,
    // CreateApiKey's `enabled` is false unless given; CloudFormation passes the property through.
    enabled: props.boolean('Enabled') ?? false,
    source: resource.node.ref,
  };
}

export function readUsagePlanResource(
  resource: TemplateResource,
  properties: MapNode,
  resolver: IntrinsicResolver,
  apiLogicalIdOf: (apiId: string, at: SourceRef) => string,
): UsagePlan {
  checkKnownKeys(
    properties,
    ['ApiStages', 'Description', 'Quota', 'Tags', 'Throttle', 'UsagePlanName'],
    'AWS::ApiGateway::UsagePlan',
  );
  const props = new PropertyReader(resolver, properties);
  const apiStages: UsagePlanStage[] = [];
  const stagesNode = props.value('ApiStages');
  if (stagesNode !== undefined) {
    if (stagesNode.kind !== 'seq')
      throw new TemplateError(stagesNode.ref, `ApiStages must be a list, got ${describeNode(stagesNode)}`);
    for (const item of stagesNode.items) {
      if (item.kind !== 'map') throw new TemplateError(item.ref, `each ApiStage must be a map, got ${describeNode(item)}`);
      checkKnownKeys(item, ['ApiId', 'Stage', 'Throttle'], 'an ApiStage');
      const stage = new PropertyReader(resolver, item);
      const apiId = stage.requiredString('ApiId', '!Ref MyApi', item.ref);
      const methodThrottle: Record<string, ThrottleSettings> = {};
      const throttles = stage.mapAt('Throttle');
      for (const [path, node] of throttles?.entries ?? []) {
        if (node.kind !== 'map')
          throw new TemplateError(node.ref, `must be { RateLimit, BurstLimit }, got ${describeNode(node)}`);
        methodThrottle[path] = readThrottle(new PropertyReader(resolver, node), node.ref);
      }
      apiStages.push({
        restApiLogicalId: apiLogicalIdOf(apiId, stage.refOf('ApiId')),
        stage: stage.requiredString('Stage', 'Prod', item.ref),
        methodThrottle,
      });
    }
  }
  const throttle = props.mapAt('Throttle');
  const quota = props.mapAt('Quota');
  return {
    logicalId: resource.logicalId,
    id: stableId(`usageplan:${resource.logicalId}`, 6),
    name: props.string('UsagePlanName') ?? resource.logicalId,
    apiStages,
    ...(throttle ? { throttle: readThrottle(new PropertyReader(resolver, throttle), throttle.ref) } : {}),
    ...(quota ? { quota: readQuota(new PropertyReader(resolver, quota), quota.ref) } : {}),
    apiKeyLogicalIds: [],
    source: resource.node.ref,
  };
}

/** `AWS::ApiGateway::UsagePlanKey`: `{ KeyId: !Ref Key, KeyType: API_KEY, UsagePlanId: !Ref Plan }`. */
export function readUsagePlanKeyResource(
  properties: MapNode,
  resolver: IntrinsicResolver,
  at: SourceRef,
): { keyLogicalId: string; planLogicalId: string; keyRef: SourceRef; planRef: SourceRef } {
  checkKnownKeys(properties, ['KeyId', 'KeyType', 'UsagePlanId'], 'AWS::ApiGateway::UsagePlanKey');
  const props = new PropertyReader(resolver, properties);
  const keyType = props.requiredString('KeyType', 'API_KEY', at);
  if (keyType !== 'API_KEY') throw new TemplateError(props.refOf('KeyType'), `KeyType must be API_KEY, got ${keyType}`);
  return {
    keyLogicalId: props.requiredString('KeyId', '!Ref MyApiKey', at),
    planLogicalId: props.requiredString('UsagePlanId', '!Ref MyUsagePlan', at),
    keyRef: props.refOf('KeyId'),
    planRef: props.refOf('UsagePlanId'),
  };
}

export interface SamUsagePlanInput {
  readonly apiLogicalId: string;
  readonly stageName: string;
  /** The `Auth.UsagePlan` map. */
  readonly node: MapNode;
  readonly resolver: IntrinsicResolver;
}

/**
 * SAM `Auth.UsagePlan`: CreateUsagePlan PER_API makes `<Api>UsagePlan`, `<Api>ApiKey` and `<Api>UsagePlanKey`;
 * SHARED makes one `ServerlessUsagePlan` + `ServerlessApiKey` for every API that says SHARED; NONE makes nothing.
 * The key SAM creates is enabled, with a value AWS generates (samtranslator/model/api/api_generator.py).
 */
export function readSamUsagePlan(
  input: SamUsagePlanInput,
  shared: UsagePlanReading,
): { create: 'PER_API' | 'SHARED' | 'NONE'; plan?: UsagePlan; key?: ApiKey } {
  const { node, resolver } = input;
  checkKnownKeys(
    node,
    ['CreateUsagePlan', 'Description', 'Quota', 'Tags', 'Throttle', 'UsagePlanName'],
    'Auth.UsagePlan of AWS::Serverless::Api',
  );
  const props = new PropertyReader(resolver, node);
  const create = props.requiredString('CreateUsagePlan', 'PER_API', node.ref);
  if (create !== 'PER_API' && create !== 'SHARED' && create !== 'NONE') {
    throw new TemplateError(props.refOf('CreateUsagePlan'), `CreateUsagePlan must be PER_API, SHARED or NONE, got ${create}`);
  }
  if (create === 'NONE') return { create };
  const prefix = create === 'SHARED' ? 'Serverless' : input.apiLogicalId;
  const stage: UsagePlanStage = { restApiLogicalId: input.apiLogicalId, stage: input.stageName, methodThrottle: {} };
  const existing = create === 'SHARED' ? shared.plans.find((p) => p.logicalId === `${prefix}UsagePlan`) : undefined;
  if (existing) {
    (existing.apiStages as UsagePlanStage[]).push(stage);
    return { create };
  }
  const keyLogicalId = `${prefix}ApiKey`;
  const key: ApiKey = {
    logicalId: keyLogicalId,
    id: stableId(`apikey:${keyLogicalId}`, 10),
    name: keyLogicalId,
    value: generatedKeyValue(keyLogicalId),
    generated: true,
    enabled: true,
    source: node.ref,
  };
  const throttle = props.mapAt('Throttle');
  const quota = props.mapAt('Quota');
  const plan: UsagePlan = {
    logicalId: `${prefix}UsagePlan`,
    id: stableId(`usageplan:${prefix}UsagePlan`, 6),
    name: props.string('UsagePlanName') ?? `${prefix}UsagePlan`,
    apiStages: [stage],
    ...(throttle ? { throttle: readThrottle(new PropertyReader(resolver, throttle), throttle.ref) } : {}),
    ...(quota ? { quota: readQuota(new PropertyReader(resolver, quota), quota.ref) } : {}),
    apiKeyLogicalIds: [keyLogicalId],
    source: node.ref,
  };
  return { create, plan, key };
}

function readThrottle(props: PropertyReader, at: SourceRef): ThrottleSettings {
  checkKnownKeys(props.map, ['BurstLimit', 'RateLimit'], 'a throttle');
  const burstLimit = props.integer('BurstLimit', { what: 'a number of requests', min: 0, max: 1e9 });
  const rateNode = props.value('RateLimit');
  let rateLimit: number | undefined;
  if (rateNode !== undefined) {
    rateLimit = rateNode.kind === 'scalar' && typeof rateNode.value !== 'boolean' ? Number(rateNode.value) : Number.NaN;
    if (!Number.isFinite(rateLimit) || rateLimit < 0) {
      throw new TemplateError(rateNode.ref, `RateLimit must be a number of requests per second, got ${describeNode(rateNode)}`);
    }
  }
  if (burstLimit === undefined && rateLimit === undefined)
    throw new TemplateError(at, 'a throttle needs RateLimit, BurstLimit or both');
  return { ...(rateLimit === undefined ? {} : { rateLimit }), ...(burstLimit === undefined ? {} : { burstLimit }) };
}

function readQuota(props: PropertyReader, at: SourceRef): QuotaSettings {
  checkKnownKeys(props.map, ['Limit', 'Offset', 'Period'], 'a quota');
  const limit = props.integer('Limit', { what: 'a number of requests', min: 0, max: 1e12 });
  if (limit === undefined) throw new TemplateError(at, 'a quota needs Limit; write e.g. Limit: 1000');
  const period = props.string('Period') ?? 'DAY';
  if (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH') {
    throw new TemplateError(props.refOf('Period'), `Period must be DAY, WEEK or MONTH, got ${period}`);
  }
  const offset = props.integer('Offset', { what: 'a number of days', min: 0, max: 30 }) ?? 0;
  return { limit, period, offset };
}

/** Maps an `ApiId` value (a RestApi id from `!Ref MyApi`) back to the API's logical id. */
export function apiLogicalIdResolver(
  resources: ReadonlyMap<string, TemplateResource>,
  implicitApiLogicalId: string,
): (apiId: string, at: SourceRef) => string {
  return (apiId, at) => {
    for (const logicalId of [...resources.keys(), implicitApiLogicalId]) {
      if (restApiIdFor(logicalId) === apiId) return logicalId;
    }
    throw new TemplateError(
      at,
      `ApiId ${JSON.stringify(apiId)} is no REST API of this template; write ApiId: !Ref <an AWS::Serverless::Api>`,
    );
  };
}
