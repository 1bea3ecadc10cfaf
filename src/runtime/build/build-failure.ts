import { type BuildMessage, formatBuildMessage } from './build-messages.js';

/**
 * What an invoke of a function whose build failed answers.
 *
 * Deviation: on AWS this cannot happen, since `sam build` fails and nothing is deployed. gatehouse keeps
 * serving the other functions and answers this one with a function error (so API Gateway answers 502, as
 * for any failed Lambda proxy invoke) whose message is the build error, until a change fixes the build.
 * The error type is gatehouse's own, so nobody mistakes it for something AWS sends.
 */
export const BUILD_FAILED_ERROR_TYPE = 'Gatehouse.BuildFailed';

export interface BuildFailure {
  readonly errorType: string;
  readonly errorMessage: string;
  /** The error document, shaped like the Node runtime's (`{errorType, errorMessage, trace}`). */
  readonly payload: Buffer;
  readonly errors: readonly BuildMessage[];
}

export function buildFailure(functionLogicalId: string, errors: readonly BuildMessage[], cwd?: string): BuildFailure {
  const details = errors.map((error) => formatBuildMessage(error, cwd));
  const errorMessage = `Build failed (Metadata BuildMethod: esbuild) for ${functionLogicalId}: ${details.join('; ')}`;
  const payload = Buffer.from(JSON.stringify({ errorType: BUILD_FAILED_ERROR_TYPE, errorMessage, trace: details }));
  return { errorType: BUILD_FAILED_ERROR_TYPE, errorMessage, payload, errors };
}
