import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findDefaultTemplate } from '../config/index.js';
import { isTemplateError } from '../config/template-error.js';
import { startGateway } from '../index.js';
import { readIsolationOption } from './isolation-option.js';
import { readLogOptions } from './log-options.js';
import { createLogReporter } from './log-reporter.js';
import { readOpenApiOption } from './openapi-option.js';
import { parseOverrides, readEnvVars } from './sam-cli-options.js';
import { printStartup } from './startup-banner.js';
import { readAuthCliOptions } from './token.js';
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
      // info: a line per request; debug: also its AWS execution-log lines. text for people, json for machines.
      'log-level': { type: 'string', default: 'info' },
      'log-format': { type: 'string', default: 'text' },
      // Access-log lines of stages with an AccessLogSetting go to this file instead of the terminal.
      'access-log': { type: 'string' },
      // Authorization: JWKS files standing in for JWT issuers, and SigV4 credentials for AWS_IAM methods.
      jwks: { type: 'string', multiple: true },
      'iam-credentials': { type: 'string', multiple: true },
      // thread (default): Node functions in worker threads where they allow it; process: a child process each.
      isolation: { type: 'string' },
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
  const isolation = readIsolationOption(values.isolation);
  const auth = readAuthCliOptions(values.jwks, values['iam-credentials']);
  const logOptions = readLogOptions(values);
  const reporter = createLogReporter(process.stdout, process.stdout, logOptions);
  // With --log-format json, stdout carries only JSON lines: the start-up text goes to stderr.
  const human = logOptions.format === 'json' ? process.stderr : process.stdout;
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
      onAccessLog: reporter.accessLog,
      watch: !values['no-watch'],
      onReload: reporter.reload,
      onBuild: reporter.build,
      deployMode,
      onDeployment: reporter.deployment,
      ...(auth ? { auth } : {}),
      ...(isolation ? { isolation } : {}),
    });
  } catch (error) {
    if (isTemplateError(error)) throw new UsageError(`template error: ${error.message}`);
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is in use; pass --port 0 for a free one`);
    }
    throw error;
  }
  printStartup(human, started);
  const keyLines = formatApiKeyLines(started.model);
  if (keyLines.length > 0) human.write(`${keyLines.join('\n')}\n`);
  if (!values['no-watch']) {
    human.write(
      deployMode === 'auto'
        ? 'Watching the template and function code folders: template changes deploy at once (--deploy manual to deploy with gatehouse deploy; --no-watch to turn off).\n\n'
        : `Watching the template and function code folders: template changes wait for gatehouse deploy --port ${new URL(started.url).port}, as on AWS (--no-watch to turn off).\n\n`,
    );
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      started
        .close()
        .finally(() => logOptions.accessLogFile?.end())
        .then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
