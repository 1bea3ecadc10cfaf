import { resolve } from 'node:path';
import { loadSamTemplate } from '../config/index.js';
import { parseFunctionFlag } from '../config/openapi/load-openapi.js';
import type { FunctionSpec } from '../model/function-spec.js';
import { UsageError } from './usage-error.js';

/**
 * `--openapi api.yaml` with the local functions its Lambda URIs name: `--function Name=./dir:file.handler[:runtime]`
 * flags, and/or the functions of `--template` (matched by FunctionName, else logical id).
 */
export async function readOpenApiOption(
  file: string,
  flags: readonly string[],
  template: string | undefined,
): Promise<{ file: string; functions: FunctionSpec[] }> {
  const functions: FunctionSpec[] = [];
  for (const flag of flags) {
    try {
      functions.push(parseFunctionFlag(flag, process.cwd()));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (template !== undefined) functions.push(...(await loadSamTemplate(resolve(template))).functions);
  return { file: resolve(file), functions };
}
