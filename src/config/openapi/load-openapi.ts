/**
 * `gatehouse start --openapi api.yaml`: an OpenAPI / Swagger definition served on its own, as if imported with
 * `aws apigateway import-rest-api` and deployed to one stage. Lambda URIs are mapped to local functions by
 * function name (the `function:<name>` part of the ARN).
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ApiModel, FunctionSpec, RestApi, SourceRef } from '../../model/index.js';
import { parseFunctionUri } from '../sam/function-arn.js';
import { parseTemplate } from '../sam/parse-template.js';
import { restApiIdFor } from '../sam/stable-id.js';
import { TemplateError } from '../template-error.js';
import { buildRestResources } from './build-rest-resources.js';
import { readOpenApi } from './read-openapi.js';
import { assertNoIntrinsics } from './resolve-definition.js';
import { stageFunctionUris } from './stage-variable-functions.js';

export interface OpenApiLoadOptions {
  /** Local functions, matched to Lambda URIs by functionName. */
  readonly functions: readonly FunctionSpec[];
  /** Default `dev`. */
  readonly stageName?: string;
  readonly stageVariables?: Readonly<Record<string, string>>;
}

export async function loadOpenApiDefinition(file: string, options: OpenApiLoadOptions): Promise<ApiModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TemplateError({ file, line: 0, column: 0, keyPath: '' }, `cannot read the definition: ${String(error)}`, {
      cause: error,
    });
  }
  const root = parseTemplate(text, path.resolve(file));
  assertNoIntrinsics(root);
  const logicalId = 'OpenApi';
  const used = new Set<string>();
  const functionFor = (uri: string, at: SourceRef): string => {
    const fn = functionForUri(uri, at, options.functions);
    used.add(fn.logicalId);
    return fn.logicalId;
  };
  const reading = readOpenApi(root, logicalId, functionFor);
  const stageName = options.stageName ?? 'dev';
  const api: RestApi = {
    logicalId,
    id: restApiIdFor(logicalId),
    name: reading.title ?? logicalId,
    binaryMediaTypes: reading.binaryMediaTypes?.types ?? [],
    ...(reading.binaryMediaTypes ? { binaryMediaTypesSource: reading.binaryMediaTypes.ref } : {}),
    ...(reading.apiKeySourceType ? { apiKeySourceType: reading.apiKeySourceType } : {}),
    ...(reading.minimumCompressionSize === undefined ? {} : { minimumCompressionSize: reading.minimumCompressionSize }),
    gatewayResponses: reading.gatewayResponses,
    ...(reading.authorizers.length > 0 ? { authorizers: reading.authorizers } : {}),
    models: reading.models,
    resources: buildRestResources(logicalId, reading.methods),
    stages: [
      {
        name: stageName,
        variables: { ...options.stageVariables },
        cacheClusterEnabled: false,
        methodSettings: [],
        source: root.ref,
      },
    ],
    implicit: false,
    source: root.ref,
  };
  const namedByStage = new Set(stageFunctionUris(api).map((s) => s.functionName));
  return {
    templateFile: path.resolve(file),
    restApis: [api],
    httpApis: [],
    // A stage variable may name a function no static URI calls (stage-variable-functions.ts).
    functions: options.functions.filter(
      (fn) => used.has(fn.logicalId) || namedByStage.has(fn.functionName) || namedByStage.has(fn.logicalId),
    ),
    ignored: reading.ignored,
  };
}

function functionForUri(uri: string, at: SourceRef, functions: readonly FunctionSpec[]): FunctionSpec {
  const reference = parseFunctionUri(uri);
  if (reference === undefined)
    throw new TemplateError(at, `${JSON.stringify(uri)} is not a Lambda function ARN or invocation URI`);
  const fn = functions.find((f) => f.functionName === reference.functionName || f.logicalId === reference.functionName);
  if (fn === undefined) {
    throw new TemplateError(
      at,
      `${uri} calls the function ${reference.functionName}, which is not mapped to local code; pass --function ${reference.functionName}=./folder:file.handler:nodejs20.x (or --template with a function of that name)`,
    );
  }
  return fn;
}

/** `Name=./dir:handler:runtime` (runtime default nodejs20.x) → a function spec, paths relative to `cwd`. */
export function parseFunctionFlag(flag: string, cwd: string): FunctionSpec {
  const match = /^([A-Za-z0-9_-]{1,64})=([^:]+):([^:]+)(?::([^:]+))?$/.exec(flag);
  if (!match) throw new Error(`--function expects Name=./folder:file.handler[:runtime], got ${JSON.stringify(flag)}`);
  const [, name = '', folder = '', handler = '', runtime = 'nodejs20.x'] = match;
  return {
    logicalId: name,
    functionName: name,
    runtime,
    handler,
    codeUri: path.resolve(cwd, folder),
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    architecture: 'x86_64',
    source: { file: '--function', line: 0, column: 0, keyPath: name },
  };
}
