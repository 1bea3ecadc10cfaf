import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { findDefaultTemplate, isTemplateError, loadSamTemplate } from '../config/index.js';
import type { ApiModel } from '../model/rest-api.js';
import { UsageError } from './usage-error.js';

/** Options `sam local start-api`, `start-lambda` and `invoke` share, read as the SAM CLI reads them. */

/** node:util parseArgs, with its refusals (unknown option, missing value) as UsageErrors (exit 2). */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code.startsWith('ERR_PARSE_ARGS_')) throw new UsageError((error as Error).message);
    throw error;
  }
}

/** `--template FILE`, else template.yaml / template.yml / template.json here (as `sam` looks for it). */
export async function resolveTemplate(option: string | undefined): Promise<string> {
  const template = option ? resolve(option) : await findDefaultTemplate(process.cwd());
  if (!template) throw new UsageError('no template.yaml, template.yml or template.json here; pass --template FILE');
  return template;
}

/** Loads the template; a TemplateError becomes a UsageError (exit 2) carrying its message. */
export async function loadTemplateModel(
  template: string,
  options: { readonly parameterOverrides?: readonly string[] | undefined; readonly region?: string | undefined },
): Promise<ApiModel> {
  try {
    return await loadSamTemplate(template, {
      ...(options.parameterOverrides ? { parameterOverrides: parseOverrides(options.parameterOverrides) } : {}),
      ...(options.region ? { region: options.region } : {}),
    });
  } catch (error) {
    if (isTemplateError(error)) throw new UsageError(`template error: ${error.message}`);
    throw error;
  }
}

/** A path as the user would type it from here. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** `Key=Value` pairs, as `sam --parameter-overrides` takes them (also `ParameterKey=K,ParameterValue=V`). */
export function parseOverrides(items: readonly string[]): Record<string, string> {
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

export async function readEnvVars(file: string): Promise<Record<string, Record<string, string>>> {
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
