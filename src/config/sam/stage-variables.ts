import { TemplateError } from '../template-error.js';
import { stringOf } from './resolved-value.js';
import { describeNode, type TemplateNode } from './template-node.js';

/**
 * Stage variables of a REST API stage (`Variables`) or an HTTP API stage (`StageVariables`), resolved.
 * AWS: names [A-Za-z0-9_]+; values [A-Za-z0-9-._~:/?#&=,]+ (stage-variables.html, CreateStage API; the SAM docs
 * for AWS::Serverless::HttpApi StageVariables state the same rule).
 */
export function readStageVariables(node: TemplateNode | undefined, key: string): Record<string, string> {
  if (node === undefined) return {};
  if (node.kind !== 'map') throw new TemplateError(node.ref, `${key} must be a map of name: value, got ${describeNode(node)}`);
  const variables: Record<string, string> = {};
  for (const [name, value] of node.entries) {
    if (!/^[A-Za-z0-9_]+$/.test(name)) {
      throw new TemplateError(value.ref, `stage variable name ${name} may contain letters, digits and _ only`);
    }
    const text = stringOf(value, `stage variable ${name}`);
    if (!/^[A-Za-z0-9\-._~:/?#&=,]+$/.test(text)) {
      throw new TemplateError(
        value.ref,
        `stage variable ${name} has the value ${JSON.stringify(text)}; API Gateway allows only letters, digits and - . _ ~ : / ? # & = ,`,
      );
    }
    variables[name] = text;
  }
  return variables;
}
