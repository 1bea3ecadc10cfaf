import type { SourceRef } from './source-ref.js';

/**
 * A Lambda function as the Lambda service knows it (CreateFunction's vocabulary), resolved from a template.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
export interface FunctionSpec {
  /** CloudFormation logical id, e.g. `ImageFunction`. */
  readonly logicalId: string;
  /** `FunctionName` when given, else the logical id (AWS would generate `<stack>-<logicalId>-<suffix>`). */
  readonly functionName: string;
  /** `nodejs20.x`, `python3.12`, `provided.al2023`, ... */
  readonly runtime: string;
  /** The Handler string verbatim, e.g. `src/app.handler`. */
  readonly handler: string;
  /** Absolute path of the code folder (CodeUri), which becomes LAMBDA_TASK_ROOT. */
  readonly codeUri: string;
  /** Function Timeout in seconds (default 3). */
  readonly timeoutSeconds: number;
  /** MemorySize in MB (default 128). */
  readonly memorySizeMb: number;
  /** Environment.Variables, already stringified as CloudFormation does. */
  readonly environment: Readonly<Record<string, string>>;
  /** ReservedConcurrentExecutions; undefined = unreserved. 0 = every invoke is throttled. */
  readonly reservedConcurrency?: number;
  /** `x86_64` or `arm64` (informational: local code runs on this machine's architecture). */
  readonly architecture: 'x86_64' | 'arm64';
  /** Metadata.BuildMethod (`esbuild` builds TypeScript before running, as `sam build` does). */
  readonly buildMethod?: string;
  /** Metadata.BuildProperties for esbuild (EntryPoints, Format, Target, Sourcemap, ...). */
  readonly buildProperties?: Readonly<Record<string, unknown>>;
  readonly source: SourceRef;
}
