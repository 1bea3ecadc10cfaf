import type { FunctionSpec, HttpApi, IgnoredResource, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import { attachHttpRoutes } from './build-http-routes.js';
import { parseFunctionUri } from './function-arn.js';
import { implicitApiProperties } from './globals.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { readApiGatewayV2 } from './read-api-gateway-v2.js';
import { readHttpApi } from './read-http-api.js';
import { implicitHttpApiLogicalId, type PendingHttpRoute } from './read-http-api-event.js';
import { readLambdaFunction } from './read-lambda-function.js';
import type { MapNode } from './template-node.js';

/** What the resource pass collected for HTTP APIs (SAM and plain CloudFormation). */
export interface HttpApiParts {
  /** AWS::Serverless::HttpApi resources, read with Globals.HttpApi merged in. */
  readonly samApis: Omit<HttpApi, 'routes'>[];
  /** Routes of the functions' HttpApi events. */
  readonly eventRoutes: readonly PendingHttpRoute[];
  /** Created AWS::ApiGatewayV2::* resources. */
  readonly v2Resources: readonly TemplateResource[];
  /** Created AWS::Lambda::Function resources: run only when an HTTP API integration calls them. */
  readonly lambdaFunctions: readonly TemplateResource[];
  /** The AWS::Serverless::Function specs already read. */
  readonly functions: readonly FunctionSpec[];
}

export interface HttpApiContext {
  readonly resolver: IntrinsicResolver;
  readonly functionNameOf: (resource: TemplateResource) => string;
  readonly templateDir: string;
  readonly implicitHttpApi: TemplateResource | undefined;
  readonly globalsHttpApi: MapNode | undefined;
}

/** Every HTTP API of the template with its routes, plus the plain Lambda functions their integrations call. */
export function assembleHttpApis(parts: HttpApiParts, ctx: HttpApiContext) {
  const ignored: IgnoredResource[] = [];
  const apis = [...parts.samApis];
  const implicit = ctx.implicitHttpApi;
  if (implicit !== undefined && parts.eventRoutes.some((route) => route.apiLogicalId === implicitHttpApiLogicalId)) {
    // AWS (SAM): Globals apply to the implicit API too (GlobalsPlugin runs after the implicit API plugins).
    const settings = readHttpApi({
      logicalId: implicit.logicalId,
      properties: implicitApiProperties(ctx.globalsHttpApi, implicit.node.ref),
      resolver: ctx.resolver,
      implicit: true,
      source: implicit.node.ref,
    });
    apis.unshift(settings.api);
    ignored.push(...settings.ignored);
  }
  const locator = new FunctionLocator(parts, ctx);
  const v2 = readApiGatewayV2({
    resources: parts.v2Resources,
    resolver: ctx.resolver,
    functionFor: (uri, at) => locator.logicalIdFor(uri, at),
  });
  ignored.push(...v2.ignored);
  for (const resource of parts.lambdaFunctions) {
    if (locator.used.has(resource.logicalId)) continue;
    const reason = 'not run: no HTTP API integration calls it (use AWS::Serverless::Function for functions gatehouse runs)';
    ignored.push({ logicalId: resource.logicalId, type: resource.type, reason, source: resource.node.ref });
  }
  const httpApis = attachHttpRoutes([...apis, ...v2.apis], [...parts.eventRoutes, ...v2.pending]);
  return { httpApis, functions: [...locator.used.values()], ignored };
}

/** Maps an integration's function ARN back to a function of the template by its name. */
class FunctionLocator {
  /** Plain AWS::Lambda::Function resources read because an integration calls them, by logical id. */
  readonly used = new Map<string, FunctionSpec>();

  constructor(
    private readonly parts: HttpApiParts,
    private readonly ctx: HttpApiContext,
  ) {}

  logicalIdFor(uri: string, at: SourceRef): string {
    const reference = parseFunctionUri(uri);
    if (reference === undefined) {
      throw new TemplateError(
        at,
        `${JSON.stringify(uri)} is not a Lambda function ARN; write e.g. !GetAtt MyFunction.Arn, or !Sub arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${MyFunction.Arn}/invocations`,
      );
    }
    const { functionName } = reference;
    const sam = this.parts.functions.find((fn) => fn.functionName === functionName);
    if (sam !== undefined) return sam.logicalId;
    const plain = this.parts.lambdaFunctions.find((resource) => this.nameOf(resource) === functionName);
    if (plain === undefined) {
      throw new TemplateError(
        at,
        `${uri} calls the function ${functionName}, which is no function of this template; gatehouse runs the AWS::Serverless::Function and AWS::Lambda::Function resources of the template only`,
      );
    }
    if (!this.used.has(plain.logicalId)) {
      this.used.set(plain.logicalId, readLambdaFunction(plain, this.ctx.resolver, functionName, this.ctx.templateDir));
    }
    return plain.logicalId;
  }

  /**
   * A function whose FunctionName cannot be resolved (a parameter without value, ...) is not the one an ARN names:
   * an ARN built with !GetAtt of it would have failed with that error already.
   */
  private nameOf(resource: TemplateResource): string | undefined {
    try {
      return this.ctx.functionNameOf(resource);
    } catch {
      return undefined;
    }
  }
}
