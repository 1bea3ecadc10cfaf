/**
 * `sam build` for a function with `Metadata: BuildMethod: esbuild`: bundle its entry points with esbuild
 * into an artifacts folder, which becomes the function's code (LAMBDA_TASK_ROOT).
 * Docs: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html
 * Source: aws-lambda-builders `workflows/nodejs_npm_esbuild/` (workflow.py, actions.py, esbuild.py).
 *
 * Deviation: Lambda Builders copies the code folder to a scratch folder and runs `npm install` there before
 * bundling. gatehouse bundles in place (as `sam build --build-in-source` does) with the `node_modules` the
 * project already has, and installs nothing.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BuildFailure, BuildOptions } from 'esbuild';
import type { FunctionSpec } from '../../model/function-spec.js';
import { type BuildMessage, fromEsbuildMessages } from './build-messages.js';
import { resolveBuiltHandler } from './built-handler.js';
import { EntryPointError, resolveEntryPoints } from './entry-points.js';
import { BuildPropertiesError, normalizeBuildProperties, toEsbuildOptions } from './esbuild-options.js';
import { withEnableSourceMaps, withSourcemapFromEnvironment } from './source-map-options.js';

export type EsbuildBuildResult =
  | {
      readonly kind: 'built';
      /** The function as the build left it: code in the artifacts folder, Handler as SAM rewrites it. */
      readonly fn: FunctionSpec;
      /** Absolute paths of every file esbuild read (the bundle's inputs). */
      readonly inputs: readonly string[];
      readonly warnings: readonly BuildMessage[];
      readonly ms: number;
    }
  | {
      readonly kind: 'failed';
      readonly errors: readonly BuildMessage[];
      readonly warnings: readonly BuildMessage[];
      readonly ms: number;
    };

/** Builds `fn` into `artifactsDir` (emptied first). Never throws: failures are results. */
export async function buildWithEsbuild(fn: FunctionSpec, artifactsDir: string): Promise<EsbuildBuildResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const properties = withSourcemapFromEnvironment(fn.buildProperties ?? {}, fn.environment);
  try {
    const normalized = normalizeBuildProperties(properties);
    const entryPoints = resolveEntryPoints(fn.codeUri, fn.handler, normalized);
    const options = withDependenciesExternal(toEsbuildOptions(normalized), fn.codeUri);
    await rm(artifactsDir, { recursive: true, force: true });
    await mkdir(artifactsDir, { recursive: true });
    // Loaded on first build: most templates have no esbuild functions.
    const { build } = await import('esbuild');
    const result = await build({
      ...options,
      entryPoints,
      outdir: artifactsDir,
      absWorkingDir: fn.codeUri,
      write: true,
      metafile: true,
      logLevel: 'silent',
    });
    const { buildMethod: _method, buildProperties: _properties, ...rest } = fn;
    return {
      kind: 'built',
      fn: {
        ...rest,
        codeUri: artifactsDir,
        handler: resolveBuiltHandler(fn.handler, artifactsDir),
        environment: withEnableSourceMaps(properties, fn.environment),
      },
      inputs: Object.keys(result.metafile.inputs).map((input) => resolve(fn.codeUri, input)),
      warnings: fromEsbuildMessages(result.warnings, fn.codeUri),
      ms: elapsed(),
    };
  } catch (error) {
    if (isBuildFailure(error)) {
      return {
        kind: 'failed',
        errors: fromEsbuildMessages(error.errors, fn.codeUri),
        warnings: fromEsbuildMessages(error.warnings, fn.codeUri),
        ms: elapsed(),
      };
    }
    const text = error instanceof BuildPropertiesError || error instanceof EntryPointError ? error.message : String(error);
    return { kind: 'failed', errors: [{ text }], warnings: [], ms: elapsed() };
  }
}

/**
 * Lambda Builders (`actions.py` `_should_bundle_deps_externally`): `External: ['./node_modules/*']` marks
 * every `dependencies` entry of the code folder's package.json external, and replaces the External list.
 */
function withDependenciesExternal(options: BuildOptions, codeUri: string): BuildOptions {
  if (!options.external?.includes('./node_modules/*')) return options;
  let dependencies: string[] = [];
  try {
    const manifest = JSON.parse(readFileSync(join(codeUri, 'package.json'), 'utf8')) as { dependencies?: object };
    dependencies = Object.keys(manifest.dependencies ?? {});
  } catch {
    // No or unreadable package.json: nothing to mark external.
  }
  return { ...options, external: dependencies };
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}
