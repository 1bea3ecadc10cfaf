import type { FunctionSpec, SourceRef } from '../../model/index.js';
import { parseFunctionUri } from '../sam/function-arn.js';
import type { IntrinsicResolver, TemplateResource } from '../sam/intrinsics.js';
import { readLambdaFunction } from '../sam/read-lambda-function.js';
import { TemplateError } from '../template-error.js';

/**
 * Maps a REST integration's Lambda URI to a function of the template, by function name: an
 * AWS::Serverless::Function, or a plain AWS::Lambda::Function with local code (read on first use).
 */
export class RestFunctionLocator {
  readonly used = new Map<string, FunctionSpec>();

  constructor(
    private readonly samFunctions: readonly FunctionSpec[],
    private readonly lambdaFunctions: readonly TemplateResource[],
    private readonly resolver: IntrinsicResolver,
    private readonly functionNameOf: (resource: TemplateResource) => string,
    private readonly templateDir: string,
  ) {}

  logicalIdFor(uri: string, at: SourceRef): string {
    const reference = parseFunctionUri(uri);
    if (reference === undefined) {
      throw new TemplateError(
        at,
        `${JSON.stringify(uri)} is not a Lambda function ARN or invocation URI; write e.g. !Sub arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${MyFunction.Arn}/invocations`,
      );
    }
    const sam = this.samFunctions.find((fn) => fn.functionName === reference.functionName);
    if (sam !== undefined) return sam.logicalId;
    const plain = this.lambdaFunctions.find((resource) => this.nameOf(resource) === reference.functionName);
    if (plain === undefined) {
      throw new TemplateError(at, `${uri} calls the function ${reference.functionName}, which is no function of this template`);
    }
    if (!this.used.has(plain.logicalId)) {
      this.used.set(plain.logicalId, readLambdaFunction(plain, this.resolver, reference.functionName, this.templateDir));
    }
    return plain.logicalId;
  }

  /**
   * Reads the plain AWS::Lambda::Function a stage variable names (by FunctionName or logical id), if the template
   * declares it; a name no function has is left for the request to fail on, as AWS does.
   */
  readNamedByStage(functionName: string): void {
    if (this.samFunctions.some((fn) => fn.functionName === functionName || fn.logicalId === functionName)) return;
    const plain = this.lambdaFunctions.find(
      (resource) => resource.logicalId === functionName || this.nameOf(resource) === functionName,
    );
    if (plain === undefined || this.used.has(plain.logicalId)) return;
    const name = this.nameOf(plain);
    if (name === undefined) return;
    this.used.set(plain.logicalId, readLambdaFunction(plain, this.resolver, name, this.templateDir));
  }

  private nameOf(resource: TemplateResource): string | undefined {
    try {
      return this.functionNameOf(resource);
    } catch {
      return undefined;
    }
  }
}
