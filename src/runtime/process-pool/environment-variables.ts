import type { FunctionSpec } from '../../model/function-spec.js';

/**
 * The environment a function process starts with (lambda.md §8; values recorded on AWS by LocalStack's
 * `test_lambda_common.snapshot.json` introspection; https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).
 */
export interface EnvironmentInputs {
  readonly region: string;
  /** `host:port` of this environment's Runtime API. */
  readonly runtimeApi: string;
  readonly logStreamName: string;
  readonly runtimeDir: string;
  /** `AWS_Lambda_<runtime>`; undefined for provided.* (absent on AWS, lambda.md §8). */
  readonly executionEnv: string | undefined;
  /** Only PATH, HOME and the AWS credential variables are read from it. */
  readonly hostEnv: NodeJS.ProcessEnv;
  /** SAM `--env-vars` shape: `Parameters` applies to every function, `<LogicalId>` to one. */
  readonly overrides: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  readonly extra?: Readonly<Record<string, string>>;
}

/** The gatehouse process's own variables that a function may see; nothing else leaks. */
const HOST_KEYS = ['PATH', 'HOME'] as const;

export function buildEnvironment(fn: FunctionSpec, inputs: EnvironmentInputs): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of HOST_KEYS) {
    const value = inputs.hostEnv[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(env, customerVariables(fn, inputs.overrides));
  Object.assign(env, inputs.extra ?? {});
  // RIE `rapidcore/env/environment.go` RuntimeExecEnv: platform keys override customer keys.
  Object.assign(env, platformVariables(fn, inputs));
  return env;
}

/**
 * Template `Environment.Variables`, then `--env-vars` overrides. As `sam local` does
 * (`samcli/commands/local/lib/local_lambda.py` `_make_env_vars`), `Parameters` applies first and the
 * function's own entry wins, and only variables the template declares are overridden.
 */
function customerVariables(fn: FunctionSpec, overrides: EnvironmentInputs['overrides']): Record<string, string> {
  const env: Record<string, string> = { ...fn.environment };
  for (const source of [overrides?.Parameters, overrides?.[fn.logicalId]]) {
    if (source === undefined) continue;
    for (const [key, value] of Object.entries(source)) {
      if (Object.hasOwn(fn.environment, key)) env[key] = String(value);
    }
  }
  return env;
}

function platformVariables(fn: FunctionSpec, inputs: EnvironmentInputs): Record<string, string> {
  const env: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_REGION: inputs.region,
    AWS_DEFAULT_REGION: inputs.region,
    _HANDLER: fn.handler,
    LAMBDA_TASK_ROOT: fn.codeUri,
    LAMBDA_RUNTIME_DIR: inputs.runtimeDir,
    AWS_LAMBDA_RUNTIME_API: inputs.runtimeApi,
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: inputs.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    // AWS: 169.254.100.1:2000. Locally an X-Ray daemon, if the developer runs one, listens on loopback.
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    _AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1',
    _AWS_XRAY_DAEMON_PORT: '2000',
    ...credentialVariables(inputs.hostEnv),
  };
  if (inputs.executionEnv !== undefined) env.AWS_EXECUTION_ENV = inputs.executionEnv;
  return env;
}

/**
 * AWS injects the execution role's credentials. Locally: the developer's, else SAM's placeholders
 * (`defaultkey` / `defaultsecret`); the session token only when there is one.
 */
function credentialVariables(hostEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: hostEnv.AWS_ACCESS_KEY_ID || 'defaultkey',
    AWS_SECRET_ACCESS_KEY: hostEnv.AWS_SECRET_ACCESS_KEY || 'defaultsecret',
  };
  if (hostEnv.AWS_SESSION_TOKEN) env.AWS_SESSION_TOKEN = hostEnv.AWS_SESSION_TOKEN;
  return env;
}

/** `YYYY/MM/DD/[$LATEST]<32 hex>` (lambda.md §8). */
export function createLogStreamName(now: Date, hex32: string): string {
  const y = now.getUTCFullYear();
  const m = String(now.getUTCMonth() + 1).padStart(2, '0');
  const d = String(now.getUTCDate()).padStart(2, '0');
  return `${y}/${m}/${d}/[$LATEST]${hex32}`;
}
