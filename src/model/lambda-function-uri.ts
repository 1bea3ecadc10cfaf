/**
 * The function a Lambda integration URI with stage variables names for one request: `${stageVariables.x}`
 * replaced by the stage's variables, then the function ARN (or bare name) read out of the invocation URI.
 * AWS: "Lambda function name ... ${stageVariables.functionName}", and as a version or alias
 * (`:${stageVariables.alias}`); the variables are substituted at run time, per stage
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html).
 */

export interface ResolvedFunctionUri {
  /** The URI after substitution. */
  readonly uri: string;
  /** The function name (or the last part of a partial ARN); undefined when the URI is no Lambda URI after substitution. */
  readonly functionName?: string;
  /** A version or alias after the name: gatehouse runs the template's code either way. */
  readonly qualifier?: string;
  /** The stage variables the URI uses, with their values in this stage (undefined when the stage lacks one). */
  readonly variables: readonly { readonly name: string; readonly value: string | undefined }[];
}

const placeholder = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;
const invocationUri = /^arn:[a-z-]+:apigateway:[^:]*:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
// A full ARN, a partial ARN (123456789012:function:name) or a bare name, each with an optional qualifier.
const functionReference =
  /^(?:arn:[a-z-]+:lambda:[a-z0-9-]*:\d*:function:|\d{12}:function:)?([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/;

export function resolveFunctionUri(template: string, stageVariables: Readonly<Record<string, string>>): ResolvedFunctionUri {
  const variables: { name: string; value: string | undefined }[] = [];
  const uri = template.replace(placeholder, (_whole, name: string) => {
    const value = stageVariables[name];
    if (!variables.some((v) => v.name === name)) variables.push({ name, value });
    return value ?? '';
  });
  const inner = invocationUri.exec(uri)?.[1] ?? uri;
  const match = functionReference.exec(inner);
  if (match === null) return { uri, variables };
  const [, functionName = '', qualifier] = match;
  return { uri, functionName, ...(qualifier === undefined ? {} : { qualifier }), variables };
}

/** `stageVariables.fn = "Two" (stage two)` lines for an explanation. */
export function describeStageVariables(resolved: ResolvedFunctionUri, stageName: string): string {
  return resolved.variables
    .map((v) =>
      v.value === undefined
        ? `stageVariables.${v.name} is not set in stage ${stageName}`
        : `stageVariables.${v.name} is ${JSON.stringify(v.value)} in stage ${stageName}`,
    )
    .join(', ');
}
