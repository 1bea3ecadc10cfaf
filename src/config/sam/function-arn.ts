/**
 * The function an HTTP API Lambda integration calls, from its IntegrationUri (or quick-create Target): a function
 * ARN, or API Gateway's invocation URI around one.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-integration.html
 *      ("For a Lambda integration, specify the URI of a Lambda function"), and the quick-create example of
 *      aws-resource-apigatewayv2-api.html: arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/<arn>/invocations
 */
export interface FunctionReference {
  readonly functionName: string;
  /** A version or alias after the name (`:live`); gatehouse runs the code of the template either way. */
  readonly qualifier?: string;
}

const functionArn = /^arn:[a-z-]+:lambda:[a-z0-9-]*:\d*:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/;
const invocationUri = /^arn:[a-z-]+:apigateway:[a-z0-9-]*:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** undefined when `uri` is neither form (an HTTP URL, a Step Functions ARN, ...). */
export function parseFunctionUri(uri: string): FunctionReference | undefined {
  const inner = invocationUri.exec(uri)?.[1] ?? uri;
  const match = functionArn.exec(inner);
  if (match === null) return undefined;
  const [, functionName = '', qualifier] = match;
  return qualifier === undefined ? { functionName } : { functionName, qualifier };
}
