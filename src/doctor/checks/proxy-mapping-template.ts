import { readFileSync } from 'node:fs';
import { parseTemplate } from '../../config/sam/parse-template.js';
import type { MapNode, TemplateNode } from '../../config/sam/template-node.js';
import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { locationOf } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';

// AWS (set-up-lambda-proxy-integrations.html): with the Lambda proxy integration API Gateway sends the request
// to the function as the proxy event; mapping templates belong to non-proxy integrations and are not applied
// (request parameter mappings are ignored too: ../shared/aws/api-gateway.md §2.4, recorded). The ApiModel keeps
// no templates for AWS_PROXY integrations, so this check reads the OpenAPI definitions (DefinitionBody, a local
// DefinitionUri) itself.
const rule: RuleSpec = {
  id: 'proxy-mapping-template',
  title:
    'A mapping template (requestTemplates / responseTemplates) on an aws_proxy integration, where API Gateway never applies it',
  severity: 'warning',
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html',
};

export const proxyMappingTemplate: Check = {
  rule,
  run(ctx) {
    const definitions: TemplateNode[] = [];
    const resources = ctx.template.entries.get('Resources');
    if (resources?.kind === 'map') {
      for (const resource of resources.entries.values()) {
        const body = resource.kind === 'map' ? entry(entry(resource, 'Properties'), 'DefinitionBody') : undefined;
        if (body !== undefined) definitions.push(body);
      }
    }
    for (const file of ctx.model.definitionFiles ?? []) {
      try {
        definitions.push(parseTemplate(readFileSync(file, 'utf8'), file));
      } catch {
        // An unreadable definition is the loader's to report.
      }
    }
    return definitions.flatMap((definition) => proxyTemplates(definition));
  },
};

function proxyTemplates(definition: TemplateNode): Finding[] {
  const findings: Finding[] = [];
  const paths = entry(definition, 'paths');
  if (paths?.kind !== 'map') return findings;
  for (const [path, operations] of paths.entries) {
    if (operations.kind !== 'map') continue;
    for (const [method, operation] of operations.entries) {
      const integration = entry(operation, 'x-amazon-apigateway-integration');
      const type = entry(integration, 'type');
      if (type?.kind !== 'scalar' || String(type.value).toLowerCase() !== 'aws_proxy') continue;
      const templates = [entry(integration, 'requestTemplates'), ...responseTemplates(entry(integration, 'responses'))];
      for (const node of templates) {
        if (node === undefined || (node.kind === 'map' && node.entries.size === 0)) continue;
        findings.push(
          findingOf(rule, {
            message: `${method.toUpperCase()} ${path} uses an aws_proxy integration with ${node.ref.keyPath.split('.').pop()}; API Gateway passes the request to the function unchanged and never applies it`,
            fix: 'Remove the template and read the proxy event in the function, or switch the integration to type aws (non-proxy) if the mapping is what you want.',
            locations: [locationOf(node.ref)],
          }),
        );
      }
    }
  }
  return findings;
}

function responseTemplates(responses: TemplateNode | undefined): TemplateNode[] {
  if (responses?.kind !== 'map') return [];
  return [...responses.entries.values()].flatMap((response) => {
    const templates = entry(response, 'responseTemplates');
    return templates === undefined ? [] : [templates];
  });
}

function entry(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  return node?.kind === 'map' ? (node as MapNode).entries.get(key) : undefined;
}
