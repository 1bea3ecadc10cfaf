import type { ApiKey, SourceRef, UsagePlan } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import type { RestApiSettings } from './read-rest-api.js';
import {
  readApiKeyResource,
  readSamUsagePlan,
  readUsagePlanKeyResource,
  readUsagePlanResource,
  type UsagePlanReading,
} from './read-usage-plans.js';
import { describeNode, type MapNode } from './template-node.js';

export const usagePlanResourceTypes: readonly string[] = [
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::UsagePlanKey',
];

export interface UsagePlanAssembly {
  readonly apiSettings: readonly RestApiSettings[];
  readonly resources: readonly TemplateResource[];
  readonly resolver: IntrinsicResolver;
  readonly apiLogicalIdOf: (apiId: string, at: SourceRef) => string;
}

/** Every usage plan and API key of the template, with UsagePlanKey resources linking them. */
export function assembleUsagePlans(input: UsagePlanAssembly): UsagePlanReading {
  const reading: UsagePlanReading = { plans: [], keys: [] };
  for (const settings of input.apiSettings) {
    if (settings.usagePlan === undefined) continue;
    const made = readSamUsagePlan(
      {
        apiLogicalId: settings.api.logicalId,
        stageName: settings.api.stages[0]?.name ?? 'Prod',
        node: settings.usagePlan,
        resolver: input.resolver,
      },
      reading,
    );
    if (made.plan) reading.plans.push(made.plan);
    if (made.key) reading.keys.push(made.key);
  }
  const links: ReturnType<typeof readUsagePlanKeyResource>[] = [];
  for (const resource of input.resources) {
    const properties = propertiesOf(resource);
    if (resource.type === 'AWS::ApiGateway::ApiKey') reading.keys.push(readApiKeyResource(resource, properties, input.resolver));
    else if (resource.type === 'AWS::ApiGateway::UsagePlan') {
      reading.plans.push(readUsagePlanResource(resource, properties, input.resolver, input.apiLogicalIdOf));
    } else links.push(readUsagePlanKeyResource(properties, input.resolver, resource.node.ref));
  }
  for (const link of links) {
    // `!Ref` of an ApiKey or a UsagePlan gives its logical id here (their physical ids are not known locally).
    const plan = reading.plans.find((p) => p.logicalId === link.planLogicalId || p.id === link.planLogicalId);
    if (!plan) throw new TemplateError(link.planRef, `UsagePlanId ${link.planLogicalId} is no usage plan of this template`);
    const key = reading.keys.find((k) => k.logicalId === link.keyLogicalId || k.id === link.keyLogicalId);
    if (!key) throw new TemplateError(link.keyRef, `KeyId ${link.keyLogicalId} is no AWS::ApiGateway::ApiKey of this template`);
    (plan.apiKeyLogicalIds as string[]).push(key.logicalId);
  }
  return reading;
}

function propertiesOf(resource: TemplateResource): MapNode {
  const raw = resource.node.entries.get('Properties');
  if (raw === undefined) {
    return { kind: 'map', entries: new Map(), ref: { ...resource.node.ref, keyPath: `${resource.node.ref.keyPath}.Properties` } };
  }
  if (raw.kind !== 'map') throw new TemplateError(raw.ref, `Properties must be a map, got ${describeNode(raw)}`);
  return raw;
}

export type { ApiKey, UsagePlan };
