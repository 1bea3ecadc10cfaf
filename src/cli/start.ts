import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findDefaultTemplate } from '../config/index.js';
import { isTemplateError } from '../config/template-error.js';
import { startGateway } from '../index.js';
import { readOpenApiOption } from './openapi-option.js';
import { parseOverrides, readEnvVars } from './sam-cli-options.js';
import { printStartup } from './startup-banner.js';
import { createTerminalReporter } from './terminal-reporter.js';
import { UsageError } from './usage-error.js';
import { formatApiKeyLines } from './usage-plan-lines.js';

export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      template: { type: 'string', short: 't' },
      // Serve an OpenAPI definition; Lambda URIs map to --function Name=./dir:file.handler[:runtime] or --template functions.
      openapi: { type: 'string' },
      function: { type: 'string', multiple: true },
      port: { type: 'string', short: 'p', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'parameter-overrides': { type: 'string', multiple: true },
      'env-vars': { type: 'string', short: 'n' },
      region: { type: 'string' },
      // Hot reload is on unless turned off (util.parseArgs in Node 20 has no --no-<flag> negation).
      'no-watch': { type: 'boolean', default: false },
      // auto: template changes deploy at once; manual: they wait for `gatehouse deploy`, as on AWS.
      deploy: { type: 'string', default: 'auto' },
    },
    allowPositionals: false,
  });
  const openapi = values.openapi ? await readOpenApiOption(values.openapi, values.function ?? [], values.template) : undefined;
  const template = openapi ? openapi.file : values.template ? resolve(values.template) : await findDefaultTemplate(process.cwd());
  if (!template) throw new UsageError('no template.yaml, template.yml or template.json here; pass --template FILE');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, got "${values.port}"`);
  const deployMode = values.deploy;
  if (deployMode !== 'auto' && deployMode !== 'manual')
    throw new UsageError(`--deploy must be auto or manual, got "${deployMode}"`);
  const envVars = values['env-vars'] ? await readEnvVars(values['env-vars']) : undefined;
  const reporter = createTerminalReporter(process.stdout, process.stdout);
  let started: Awaited<ReturnType<typeof startGateway>>;
  try {
    started = await startGateway({
      template,
      ...(openapi ? { openapi } : {}),
      port,
      host: values.host,
      ...(values['parameter-overrides'] ? { parameterOverrides: parseOverrides(values['parameter-overrides']) } : {}),
      ...(envVars ? { envVars } : {}),
      ...(values.region ? { region: values.region } : {}),
      onFunctionLog: reporter.functionLog,
      onExchange: reporter.exchange,
      watch: !values['no-watch'],
      onReload: reporter.reload,
      onBuild: reporter.build,
      deployMode,
      onDeployment: reporter.deployment,
    });
  } catch (error) {
    if (isTemplateError(error)) throw new UsageError(`template error: ${error.message}`);
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is in use; pass --port 0 for a free one`);
    }
    throw error;
  }
  printStartup(process.stdout, started);
  const keyLines = formatApiKeyLines(started.model);
  if (keyLines.length > 0) process.stdout.write(`${keyLines.join('\n')}\n`);
  if (!values['no-watch']) {
    process.stdout.write(
      deployMode === 'auto'
        ? 'Watching the template and function code folders: template changes deploy at once (--deploy manual to deploy with gatehouse deploy; --no-watch to turn off).\n\n'
        : `Watching the template and function code folders: template changes wait for gatehouse deploy --port ${new URL(started.url).port}, as on AWS (--no-watch to turn off).\n\n`,
    );
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      started.close().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
