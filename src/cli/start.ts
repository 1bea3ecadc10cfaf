import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findDefaultTemplate } from '../config/index.js';
import { isTemplateError } from '../config/template-error.js';
import { startGateway } from '../index.js';
import { printStartup } from './startup-banner.js';
import { createTerminalReporter } from './terminal-reporter.js';
import { UsageError } from './usage-error.js';

export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      template: { type: 'string', short: 't' },
      port: { type: 'string', short: 'p', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'parameter-overrides': { type: 'string', multiple: true },
      'env-vars': { type: 'string', short: 'n' },
      region: { type: 'string' },
    },
    allowPositionals: false,
  });
  const template = values.template ? resolve(values.template) : await findDefaultTemplate(process.cwd());
  if (!template) throw new UsageError('no template.yaml, template.yml or template.json here; pass --template FILE');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, got "${values.port}"`);
  const envVars = values['env-vars'] ? await readEnvVars(values['env-vars']) : undefined;
  const reporter = createTerminalReporter(process.stdout, process.stdout);
  let started: Awaited<ReturnType<typeof startGateway>>;
  try {
    started = await startGateway({
      template,
      port,
      host: values.host,
      ...(values['parameter-overrides'] ? { parameterOverrides: parseOverrides(values['parameter-overrides']) } : {}),
      ...(envVars ? { envVars } : {}),
      ...(values.region ? { region: values.region } : {}),
      onFunctionLog: reporter.functionLog,
      onExchange: reporter.exchange,
    });
  } catch (error) {
    if (isTemplateError(error)) throw new UsageError(`template error: ${error.message}`);
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is in use; pass --port 0 for a free one`);
    }
    throw error;
  }
  printStartup(process.stdout, started);
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

/** `Key=Value` pairs, as `sam --parameter-overrides` takes them (also `ParameterKey=K,ParameterValue=V`). */
function parseOverrides(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items.flatMap((i) => i.split(/\s+(?=[A-Za-z0-9]+=)/))) {
    const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(item);
    const short = /^([^=]+)=(.*)$/.exec(item);
    const match = long ?? short;
    if (!match) throw new UsageError(`--parameter-overrides expects Key=Value, got "${item}"`);
    out[match[1] as string] = match[2] as string;
  }
  return out;
}

async function readEnvVars(file: string): Promise<Record<string, Record<string, string>>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--env-vars ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--env-vars ${file}: expected {"FunctionLogicalId": {"VAR": "value"}, "Parameters": {...}}`);
  }
  const out: Record<string, Record<string, string>> = {};
  for (const [fn, vars] of Object.entries(parsed)) {
    if (typeof vars !== 'object' || vars === null) throw new UsageError(`--env-vars ${file}: "${fn}" must map names to values`);
    out[fn] = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));
  }
  return out;
}
