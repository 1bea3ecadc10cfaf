import type { StartedGateway } from '../index.js';
import type { Integration } from '../model/rest-api.js';
import { findPackageJsonAboveTaskRoot } from '../runtime/package-scope.js';

/** Prints every API, stage, route and URL, and the resources gatehouse does not emulate. */
export function printStartup(out: NodeJS.WritableStream, started: StartedGateway): void {
  const { model, gateway, url } = started;
  const lines: string[] = [`gatehouse serving ${model.templateFile}`, ''];
  for (const api of model.restApis) {
    const binary = api.binaryMediaTypes.length > 0 ? api.binaryMediaTypes.join(', ') : 'none';
    lines.push(`REST API ${api.logicalId} (id ${api.id}; binaryMediaTypes: ${binary})`);
    for (const stage of api.stages) {
      lines.push(`  stage ${stage.name}`);
      for (const resource of api.resources) {
        for (const method of resource.methods) {
          lines.push(
            `    ${method.httpMethod.padEnd(7)} ${url}/${stage.name}${resource.path === '/' ? '/' : resource.path}  → ${describeIntegration(method.integration)}`,
          );
        }
      }
    }
    lines.push('');
  }
  for (const api of model.httpApis) {
    const cors = api.cors ? `CORS: ${api.cors.allowOrigins.join(', ')}` : 'no CORS';
    lines.push(`HTTP API ${api.logicalId} (id ${api.id}; ${cors})`);
    for (const stage of api.stages) {
      const base = stage.name === '$default' ? url : `${url}/${stage.name}`;
      lines.push(`  stage ${stage.name}`);
      for (const route of api.routes) {
        const method = route.method ?? '*';
        const where = route.path ? `${base}${route.path}` : `${base}/* ($default route)`;
        lines.push(
          `    ${method.padEnd(7)} ${where}  → ${route.integration.functionLogicalId} (payload ${route.integration.payloadFormatVersion})`,
        );
      }
    }
    lines.push('');
  }
  for (const name of gateway.stages.ambiguousStages()) {
    lines.push(
      `note: several APIs have a stage named "${name}"; ${url}/${name}/ serves the first. Reach the others with Host: <api-id>.execute-api.localhost`,
    );
  }
  for (const fn of model.functions) {
    const above = findPackageJsonAboveTaskRoot(fn);
    if (above) {
      lines.push(
        `warning: ${fn.logicalId}: ${above.file} ("type": "${above.type}") sits above CodeUri ${fn.codeUri}. It is not deployed to AWS, but Node reads it locally to decide how .js files load: add a package.json to CodeUri to get the same behaviour in both places.`,
      );
    }
  }
  if (model.ignored.length > 0) {
    lines.push('Not emulated (ignored):');
    for (const item of model.ignored) lines.push(`  ${item.logicalId} (${item.type}): ${item.reason}`);
    lines.push('');
  }
  if (started.inspectorUrl) lines.push(`Inspector: ${started.inspectorUrl}  (every request with its trace, live)`);
  lines.push(`Index: ${url}/   Press Ctrl+C to stop.`, '');
  out.write(`${lines.join('\n')}\n`);
}

/** `ImageFunction` for Lambda integrations (`(non-proxy)` when mapped), `MOCK`, or `HTTP_PROXY http://...`. */
function describeIntegration(integration: Integration): string {
  switch (integration.type) {
    case 'AWS_PROXY':
      return integration.functionLogicalId ?? integration.functionUri;
    case 'AWS':
      return `${integration.functionLogicalId ?? integration.functionUri} (non-proxy)`;
    case 'MOCK':
      return 'MOCK';
    default:
      return `${integration.type} ${integration.uri}`;
  }
}
