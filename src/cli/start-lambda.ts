import { createInvocationLogs, type StartedLambdaService, startLambdaService } from '../lambda-service/index.js';
import type { ApiModel } from '../model/rest-api.js';
import { createProcessRuntime } from '../runtime/index.js';
import { readIsolationOption } from './isolation-option.js';
import { displayPath, loadTemplateModel, parseCommandArgs, readEnvVars, resolveTemplate } from './sam-cli-options.js';
import { createTerminalReporter } from './terminal-reporter.js';
import { UsageError } from './usage-error.js';

/**
 * `gatehouse start-lambda`, as `sam local start-lambda`: the Lambda Invoke API on a local port, so an AWS SDK or
 * `aws lambda invoke --endpoint-url` can invoke the template's functions (warm, concurrent, throttled as on AWS).
 */
export async function runStartLambda(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      template: { type: 'string', short: 't' },
      port: { type: 'string', short: 'p', default: '3001' },
      host: { type: 'string', default: '127.0.0.1' },
      'parameter-overrides': { type: 'string', multiple: true },
      'env-vars': { type: 'string', short: 'n' },
      region: { type: 'string' },
      // thread (default): Node functions in worker threads where they allow it; process: a child process each.
      isolation: { type: 'string' },
    },
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number, got "${values.port}"`);
  }
  const template = await resolveTemplate(values.template);
  const model = await loadTemplateModel(template, { parameterOverrides: values['parameter-overrides'], region: values.region });
  const envOverrides = values['env-vars'] ? await readEnvVars(values['env-vars']) : undefined;
  const isolation = readIsolationOption(values.isolation);
  const reporter = createTerminalReporter(process.stderr, process.stderr);
  const logs = createInvocationLogs();
  const runtime = createProcessRuntime({
    logSink: (line) => {
      reporter.functionLog(line);
      logs.sink(line);
    },
    ...(values.region ? { region: values.region } : {}),
    ...(envOverrides ? { envOverrides } : {}),
    ...(isolation ? { isolation } : {}),
  });
  let service: StartedLambdaService;
  try {
    service = await startLambdaService({
      model,
      runtime,
      logs,
      host: values.host,
      port,
      ...(values.region ? { region: values.region } : {}),
    });
  } catch (error) {
    await runtime.dispose();
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is in use; pass --port 0 for a free one`);
    }
    throw error;
  }
  process.stdout.write(formatStartup(model, template, service.url));
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      service
        .close()
        .then(() => runtime.dispose())
        .then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

function formatStartup(model: ApiModel, template: string, url: string): string {
  const lines = [`gatehouse Lambda service for ${displayPath(template)}`, `Endpoint: ${url}`, '', 'Functions:'];
  for (const fn of model.functions) {
    lines.push(fn.functionName === fn.logicalId ? `  ${fn.logicalId}` : `  ${fn.logicalId} (FunctionName ${fn.functionName})`);
  }
  if (model.functions.length === 0) lines.push('  (none)');
  const example = model.functions[0]?.functionName ?? 'MyFunction';
  lines.push(
    '',
    `Invoke: aws lambda invoke --endpoint-url ${url} --function-name ${example} --cli-binary-format raw-in-base64-out --payload '{}' out.json`,
    'Press Ctrl+C to stop.',
    '',
  );
  return `${lines.join('\n')}\n`;
}
