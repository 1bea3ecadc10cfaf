import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBuiltHandler } from '../../src/runtime/build/built-handler.js';
import { resolveEntryPoints } from '../../src/runtime/build/entry-points.js';
import {
  BuildPropertiesError,
  normalizeBuildProperties,
  toEsbuildOptions,
  toSnakeCase,
} from '../../src/runtime/build/esbuild-options.js';
import { withEnableSourceMaps, withSourcemapFromEnvironment } from '../../src/runtime/build/source-map-options.js';

// What `sam build` makes of Metadata.BuildProperties. Sources: SAM CLI resource_metadata_normalizer.py,
// app_builder.py, bundler.py; aws-lambda-builders workflows/nodejs_npm_esbuild/esbuild.py.
// Docs: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html
const esbuildOptions = (properties: Record<string, unknown>) => toEsbuildOptions(normalizeBuildProperties(properties));

describe('BuildProperties → esbuild options', () => {
  it('normalises keys as SAM does', () => {
    expect(['EntryPoints', 'OutExtension', 'MainFields', 'SourcesContent', 'Minify'].map(toSnakeCase)).toEqual([
      'entry_points',
      'out_extension',
      'main_fields',
      'sources_content',
      'minify',
    ]);
  });

  // Lambda Builders build_default_values: --bundle --platform=node, then --target=es2020 --format=cjs --minify.
  it('uses Lambda Builders defaults when nothing is set', () => {
    expect(esbuildOptions({})).toEqual({ bundle: true, platform: 'node', target: ['es2020'], format: 'cjs', minify: true });
  });

  it('reads every documented property as its esbuild flag', () => {
    // Act
    const options = esbuildOptions({
      EntryPoints: ['app.ts'],
      Format: 'esm',
      Target: 'node20,es2022',
      Minify: false,
      Sourcemap: true,
      SourcesContent: 'false',
      External: ['@aws-sdk/*', 'pg-native'],
      Loader: ['.png=file', '.txt=text'],
      Banner: ['js=import { createRequire } from "module"; const require = createRequire(import.meta.url);'],
      OutExtension: ['.js=.mjs'],
      MainFields: 'module,main',
      UseNpmCi: true,
    });
    // Assess
    expect(options).toEqual({
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: ['node20', 'es2022'],
      sourcemap: true,
      sourcesContent: false,
      external: ['@aws-sdk/*', 'pg-native'],
      loader: { '.png': 'file', '.txt': 'text' },
      banner: { js: 'import { createRequire } from "module"; const require = createRequire(import.meta.url);' },
      outExtension: { '.js': '.mjs' },
      mainFields: ['module', 'main'],
    });
  });

  // Lambda Builders NON_CONFIGURABLE_VALUES: bundle, platform, outdir are its own.
  it('ignores Bundle, Platform and Outdir', () => {
    expect(esbuildOptions({ Bundle: false, Platform: 'browser', Outdir: 'x' })).toMatchObject({ bundle: true, platform: 'node' });
    expect(esbuildOptions({ Outdir: 'x' })).not.toHaveProperty('outdir');
  });

  it('refuses a value that is neither a boolean, a string nor a list, as Lambda Builders does', () => {
    expect(() => esbuildOptions({ LineLimit: 80 })).toThrow(BuildPropertiesError);
    expect(() => esbuildOptions({ LineLimit: 80 })).toThrow(/Failed to determine the type of the configuration: line_limit=80/);
  });
});

describe('entry points and the built Handler', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatehouse-entry-'));
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'src', 'app.ts'), '');
    await writeFile(join(dir, 'src', 'app.js'), '');
    await writeFile(join(dir, 'plain.js'), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // SAM app_builder.py: without EntryPoints (or with an empty list) the entry is handler.split(".")[0].
  it('takes the entry from the Handler, preferring .ts to .js', () => {
    expect(resolveEntryPoints(dir, 'src/app.handler', {})).toEqual(['src/app.ts']);
    expect(resolveEntryPoints(dir, 'plain.handler', { entry_points: [] })).toEqual(['plain.js']);
    expect(resolveEntryPoints(dir, 'x.handler', { entry_points: ['src/app.js'] })).toEqual(['src/app.js']);
    expect(() => resolveEntryPoints(dir, 'missing.handler', {})).toThrow(`entry point ${join(dir, 'missing')} does not exist`);
  });

  // SAM bundler.py _update_function_handler: keep the Handler when <artifacts>/<dir>/<stem>.js exists.
  it('rewrites the Handler to its last segment when the bundle is not where the Handler points', () => {
    expect(resolveBuiltHandler('src/app.handler', dir)).toBe('src/app.handler');
    expect(resolveBuiltHandler('src/handlers/nested.handler', dir)).toBe('nested.handler');
    expect(resolveBuiltHandler('plain.handler', dir)).toBe('plain.handler');
  });
});

describe('source maps', () => {
  // SAM bundler.py set_sourcemap_metadata_from_env / _set_sourcemap_env_from_metadata.
  it('turns Sourcemap on from NODE_OPTIONS and NODE_OPTIONS on from Sourcemap', () => {
    expect(withSourcemapFromEnvironment({}, { NODE_OPTIONS: '--enable-source-maps' })).toEqual({ Sourcemap: true });
    expect(withSourcemapFromEnvironment({ Sourcemap: false }, { NODE_OPTIONS: '--enable-source-maps' })).toEqual({
      Sourcemap: false,
    });
    expect(withEnableSourceMaps({ Sourcemap: true }, {})).toEqual({ NODE_OPTIONS: ' --enable-source-maps' });
    expect(withEnableSourceMaps({ Sourcemap: true }, { NODE_OPTIONS: '--max-old-space-size=100' })).toEqual({
      NODE_OPTIONS: '--max-old-space-size=100 --enable-source-maps',
    });
  });
});
