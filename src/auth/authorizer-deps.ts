import type { FunctionSpec } from '../model/function-spec.js';
import type { LambdaRuntime } from '../runtime/runtime.js';
import type { AuthOptions } from './auth-options.js';

/** What the authorization phases need: the Lambda runtime for authorizer functions, and local auth settings. */
export interface AuthorizerDeps {
  readonly runtime: LambdaRuntime;
  readonly region: string;
  readonly accountId: string;
  functionFor(logicalId: string): FunctionSpec | undefined;
  readonly auth?: AuthOptions;
}
