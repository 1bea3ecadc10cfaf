import type { BuildOptions } from 'esbuild';

/**
 * `Metadata.BuildProperties` → esbuild options, with the meaning `sam build` gives them.
 *
 * SAM CLI (`samcli/lib/samlib/resource_metadata_normalizer.py` `normalize_build_properties`) turns each key
 * from PascalCase into snake_case (`OutExtension` → `out_extension`); Lambda Builders
 * (`aws_lambda_builders/workflows/nodejs_npm_esbuild/esbuild.py` `EsbuildCommandBuilder`) then writes each
 * one as an esbuild command-line flag by the type of its value:
 *   true → `--minify`; false → nothing; a string → `--target=es2020`; a list → `--external:a --external:b`;
 *   anything else → "Failed to determine the type of the configuration".
 * It always adds `--bundle --platform=node --outdir=<artifacts>` (`Bundle`, `Platform`, `Outdir` are ignored),
 * and `--target=es2020`, `--format=cjs`, `--minify` unless the template sets Target, Format, Minify.
 * Docs: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html
 *
 * gatehouse calls esbuild's JavaScript API instead of its binary, so this file reads each flag the way
 * esbuild's command line would (https://esbuild.github.io/api/) and writes the equivalent API option.
 */

/** Set by Lambda Builders itself: the template cannot change them. */
const NON_CONFIGURABLE = new Set(['bundle', 'platform', 'outdir']);
/** Lambda Builders options that are not esbuild flags. */
const NOT_ESBUILD_FLAGS = new Set(['use_npm_ci', 'entry_points']);

/** `--x=a,b` flags whose API option is an array. */
const COMMA_LISTS = new Set(['target', 'mainFields', 'resolveExtensions', 'conditions', 'dropLabels']);
/** `--x=true|false` flags whose API option is a boolean. */
const BOOLEAN_STRINGS = new Set(['sourcesContent', 'treeShaking', 'minify', 'keepNames', 'preserveSymlinks']);
/** `--x=N` flags whose API option is a number. */
const NUMBERS = new Set(['lineLimit', 'logLimit']);
/** `--x:k=v` flags whose API option is an object. */
const MAPS = new Set(['loader', 'outExtension', 'banner', 'footer', 'define', 'alias', 'supported', 'logOverride']);
/** `--x:v` flags whose API option is an array. */
const ARRAYS = new Set(['external', 'inject', 'pure', 'drop', 'nodePaths']);

export class BuildPropertiesError extends Error {
  override readonly name = 'BuildPropertiesError';
}

/** SAM's key normalisation: `(?<!^)(?=[A-Z])` → `_`, then lower case. `EntryPoints` → `entry_points`. */
export function toSnakeCase(key: string): string {
  return key.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase();
}

/** The normalised BuildProperties, as Lambda Builders receives them. */
export function normalizeBuildProperties(properties: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [toSnakeCase(key), value]));
}

/**
 * The esbuild options `sam build` would run with, minus the entry points and output folder.
 * Throws BuildPropertiesError where Lambda Builders fails before running esbuild.
 */
export function toEsbuildOptions(normalized: Readonly<Record<string, unknown>>): BuildOptions {
  const options: Record<string, unknown> = {
    bundle: true,
    platform: 'node',
    ...('target' in normalized ? {} : { target: ['es2020'] }),
    ...('format' in normalized ? {} : { format: 'cjs' }),
    ...('minify' in normalized ? {} : { minify: true }),
  };
  for (const [key, value] of Object.entries(normalized)) {
    if (NON_CONFIGURABLE.has(key) || NOT_ESBUILD_FLAGS.has(key)) continue;
    const option = toCamelCase(key);
    if (typeof value === 'boolean') {
      if (value) options[option] = true;
    } else if (typeof value === 'string') {
      options[option] = readFlagValue(option, value);
    } else if (Array.isArray(value)) {
      options[option] = readListFlag(option, value.map(String));
    } else {
      // Lambda Builders: EsbuildCommandError("Failed to determine the type of the configuration: ...").
      throw new BuildPropertiesError(`Failed to determine the type of the configuration: ${key}=${JSON.stringify(value)}`);
    }
  }
  return options as BuildOptions;
}

/** `--x=value` as esbuild's command line parses it. */
function readFlagValue(option: string, value: string): unknown {
  if (COMMA_LISTS.has(option)) return value.split(',');
  if (BOOLEAN_STRINGS.has(option) && (value === 'true' || value === 'false')) return value === 'true';
  if (NUMBERS.has(option) && /^\d+$/.test(value)) return Number(value);
  return value;
}

/** `--x:item` repeated, as esbuild's command line parses it: `k=v` pairs for maps, plain values for arrays. */
function readListFlag(option: string, items: readonly string[]): unknown {
  const isMap = MAPS.has(option) || (!ARRAYS.has(option) && items.length > 0 && items.every((item) => item.includes('=')));
  if (!isMap) return [...items];
  const map: Record<string, string | boolean> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq === -1) throw new BuildPropertiesError(`Missing "=" in "${item}" (${option} expects key=value items)`);
    const value = item.slice(eq + 1);
    map[item.slice(0, eq)] = option === 'supported' ? value === 'true' : value;
  }
  return map;
}

function toCamelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}
