import { TemplateError } from '../template-error.js';
import { checkKnownKeys } from './known-properties.js';
import type { PropertyReader } from './property-reader.js';
import { noValue, stringOf } from './resolved-value.js';
import { describeNode } from './template-node.js';

// AWS: Lambda rejects these keys in Environment.Variables; the runtime sets them itself.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
const reservedKeys = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/**
 * Environment.Variables as the function will see them: every value a string, as CloudFormation passes them
 * (`3` → "3", `true` → "true", a number keeps the digits written: `1.50` → "1.50").
 */
export function readEnvironment(props: PropertyReader): Record<string, string> {
  const environment = props.mapAt('Environment');
  if (environment === undefined) return {};
  checkKnownKeys(environment, ['Variables'], 'Environment');
  const variablesNode = environment.entries.get('Variables');
  if (variablesNode === undefined) return {};
  const variables = props.resolver.resolveTop(variablesNode);
  if (variables === noValue || (variables.kind === 'scalar' && variables.value === null)) return {};
  if (variables.kind !== 'map') {
    throw new TemplateError(variables.ref, `Variables must be a map of NAME: value, got ${describeNode(variables)}`);
  }
  const result: Record<string, string> = {};
  for (const [name, raw] of variables.entries) {
    // AWS: keys match [a-zA-Z]([a-zA-Z0-9_])+ (API_Environment.html).
    if (!/^[a-zA-Z][a-zA-Z0-9_]+$/.test(name)) {
      throw new TemplateError(
        raw.ref,
        `environment variable name ${name} is not allowed by Lambda; use letters, digits and _ and start with a letter`,
      );
    }
    if (reservedKeys.has(name)) {
      throw new TemplateError(raw.ref, `${name} is reserved by Lambda and cannot be set in Environment.Variables; rename it`);
    }
    const value = props.resolver.resolve(raw);
    if (value === noValue) continue;
    if (value.kind === 'scalar' && value.value === null) {
      result[name] = '';
      continue;
    }
    result[name] = stringOf(value, `environment variable ${name}`);
  }
  return result;
}
