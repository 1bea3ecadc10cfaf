import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createInvocationLogs, settleOutput } from '../lambda-service/index.js';
import type { FunctionSpec } from '../model/function-spec.js';
import type { ApiModel } from '../model/rest-api.js';
import { createProcessRuntime } from '../runtime/index.js';
import type { InvokeResult } from '../runtime/runtime.js';
import { readIsolationOption } from './isolation-option.js';
import { displayPath, loadTemplateModel, parseCommandArgs, readEnvVars, resolveTemplate } from './sam-cli-options.js';
import { UsageError } from './usage-error.js';

/**
 * `gatehouse invoke [FunctionLogicalId] [--event e.json | --event -] [--output json]`, as `sam local invoke`: one
 * cold invoke. The result payload goes to stdout, the function's log (START/END/REPORT and its own lines) to
 * stderr, and the exit code is 0 even when the function fails (the payload is then the error document).
 * `gatehouse invoke` is a single cold invoke, so warm reuse and throttling are not observable here (lambda.md §1).
 */
export async function runInvoke(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: {
      template: { type: 'string', short: 't' },
      event: { type: 'string', short: 'e' },
      output: { type: 'string', default: 'text' },
      'parameter-overrides': { type: 'string', multiple: true },
      'env-vars': { type: 'string', short: 'n' },
      region: { type: 'string' },
      // thread (default): Node functions in worker threads where they allow it; process: a child process each.
      isolation: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length > 1) throw new UsageError(`invoke takes one function, got ${positionals.join(', ')}`);
  if (values.output !== 'text' && values.output !== 'json') {
    throw new UsageError(`--output must be "text" or "json", got "${values.output}"`);
  }
  const template = await resolveTemplate(values.template);
  const model = await loadTemplateModel(template, { parameterOverrides: values['parameter-overrides'], region: values.region });
  const fn = selectFunction(model, positionals[0], template);
  const payload = await readEvent(values.event);
  const envOverrides = values['env-vars'] ? await readEnvVars(values['env-vars']) : undefined;
  const isolation = readIsolationOption(values.isolation);

  const logs = createInvocationLogs();
  const runtime = createProcessRuntime({
    logSink: (line) => {
      process.stderr.write(`${line.text}\n`);
      logs.sink(line);
    },
    ...(values.region ? { region: values.region } : {}),
    ...(envOverrides ? { envOverrides } : {}),
    ...(isolation ? { isolation } : {}),
    // A single cold invoke: a spare environment started after it would only be killed again.
    spareEnvironments: 0,
  });
  const requestId = randomUUID();
  logs.track(requestId);
  let result: InvokeResult;
  try {
    result = await runtime.invoke(fn, { payload, requestId });
    await settleOutput();
  } finally {
    await runtime.dispose();
  }
  const logResult = logs.release(requestId);
  if (result.kind === 'service-error') {
    const reason = result.reason !== undefined ? ` (Reason: ${result.reason})` : '';
    process.stderr.write(`gatehouse: ${result.errorType}: ${result.message}${reason}\n`);
    return 1;
  }
  process.stdout.write(
    values.output === 'json' ? `${invokeOutputJson(result, logResult)}\n` : Buffer.concat([result.payload, Buffer.from('\n')]),
  );
  return 0;
}

/** By logical id (as `sam local invoke` takes it) or FunctionName; optional when the template has one function. */
function selectFunction(model: ApiModel, id: string | undefined, template: string): FunctionSpec {
  const names = model.functions.map((f) => f.logicalId);
  const where = displayPath(template);
  if (id === undefined) {
    if (model.functions.length === 1 && model.functions[0] !== undefined) return model.functions[0];
    throw new UsageError(
      names.length === 0
        ? `${where} defines no function`
        : `${where} defines several functions; name one: gatehouse invoke <FunctionLogicalId>\n  functions: ${names.join(', ')}`,
    );
  }
  const fn = model.functions.find((f) => f.logicalId === id) ?? model.functions.find((f) => f.functionName === id);
  if (fn !== undefined) return fn;
  throw new UsageError(`function "${id}" not found in ${where}\n  functions: ${names.length > 0 ? names.join(', ') : '(none)'}`);
}

/** `--event FILE`, `--event -` (stdin), or no event at all: `{}`, as `sam local invoke` does without one. */
async function readEvent(option: string | undefined): Promise<Buffer> {
  if (option === undefined) return Buffer.from('{}');
  const source = option === '-' ? 'stdin' : option;
  let bytes: Buffer;
  try {
    bytes = option === '-' ? await readStdin() : await readFile(option);
  } catch (error) {
    throw new UsageError(`--event ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (bytes.toString('utf8').trim() === '') return Buffer.from('{}');
  try {
    JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    // The Invoke API would refuse it too (InvalidRequestContentException, lambda.md §3.3).
    throw new UsageError(`--event ${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return bytes;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * `--output json`: what `aws lambda invoke` reports, with the payload inline:
 * `{"StatusCode":200,"FunctionError":"Unhandled","LogResult":"<base64 tail>","Payload":<payload>}`.
 * FunctionError only on a function error (lambda.md §3.1); LogResult is the last 4 KB of the log (§3.2).
 */
function invokeOutputJson(result: Exclude<InvokeResult, { kind: 'service-error' }>, logResult: string): string {
  const head = JSON.stringify({
    StatusCode: 200,
    ...(result.kind === 'function-error' ? { FunctionError: 'Unhandled' } : {}),
    LogResult: logResult,
  });
  const text = result.payload.toString('utf8');
  let payload: string;
  try {
    JSON.parse(text);
    payload = text; // the function's bytes as they are
  } catch {
    payload = JSON.stringify(text);
  }
  return `${head.slice(0, -1)},"Payload":${payload}}`;
}
