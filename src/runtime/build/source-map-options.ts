/**
 * `Sourcemap` and `NODE_OPTIONS: --enable-source-maps` imply each other, as SAM CLI makes them
 * (`samcli/lib/build/bundler.py` `set_sourcemap_metadata_from_env`, `_set_sourcemap_env_from_metadata`):
 * with `--enable-source-maps` in NODE_OPTIONS and no Sourcemap, the build gets `Sourcemap: true`; with a
 * truthy Sourcemap and no such option, the built function's NODE_OPTIONS gets ` --enable-source-maps`
 * appended. An explicit `Sourcemap: false` wins.
 * Docs: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html
 */
export function hasEnableSourceMaps(environment: Readonly<Record<string, string>>): boolean {
  return (environment.NODE_OPTIONS ?? '').split(/\s+/).includes('--enable-source-maps');
}

/** BuildProperties with `Sourcemap: true` added when NODE_OPTIONS asks for source maps. */
export function withSourcemapFromEnvironment(
  properties: Readonly<Record<string, unknown>>,
  environment: Readonly<Record<string, string>>,
): Readonly<Record<string, unknown>> {
  if (properties.Sourcemap !== undefined || !hasEnableSourceMaps(environment)) return properties;
  return { ...properties, Sourcemap: true };
}

/** The built function's environment: NODE_OPTIONS gains `--enable-source-maps` when Sourcemap is set. */
export function withEnableSourceMaps(
  properties: Readonly<Record<string, unknown>>,
  environment: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  if (!properties.Sourcemap || hasEnableSourceMaps(environment)) return environment;
  // SAM: " ".join([existing_options, "--enable-source-maps"]) with existing_options defaulting to "".
  return { ...environment, NODE_OPTIONS: [environment.NODE_OPTIONS ?? '', '--enable-source-maps'].join(' ') };
}
