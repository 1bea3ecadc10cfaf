import type { FunctionSpec } from '../model/function-spec.js';
import { LambdaServiceError } from './service-error.js';

/**
 * Resolves Invoke's FunctionName (+ Qualifier) to a function of the template.
 * AWS: FunctionName is a name (`my-function`), a name with a qualifier (`my-function:v1`), a function ARN or a
 * partial ARN (`123456789012:function:my-function`); pattern from
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
 * Like `sam local start-lambda`, the template's logical id is accepted as a name too.
 */
const FUNCTION_NAME_PATTERN =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:(?<region>[a-z]{2}(?:(?:-gov)|(?:-iso[a-z]?))?-[a-z]+-\d):)?(?:(?<account>\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9\-_.]+)(?::(?<qualifier>\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9\-_]+))?$/;

export interface FunctionTarget {
  readonly fn: FunctionSpec;
  /** The qualifier as given (`$LATEST`), or undefined for an unqualified invoke. */
  readonly qualifier: string | undefined;
  /** The ARN as invoked (qualified when the caller qualified it): the context's invokedFunctionArn. */
  readonly invokedFunctionArn: string;
}

export interface LocatorScope {
  readonly functions: readonly FunctionSpec[];
  readonly region: string;
  readonly accountId: string;
}

export function locateFunction(functionName: string, queryQualifier: string | undefined, scope: LocatorScope): FunctionTarget {
  const match = FUNCTION_NAME_PATTERN.exec(functionName);
  const groups = match?.groups;
  if (groups === undefined || groups.name === undefined) {
    // AWS validates the URI member before anything else (a ValidationException, status 400).
    throw new LambdaServiceError(
      400,
      'ValidationException',
      `1 validation error detected: Value '${functionName}' at 'functionName' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN.source}`,
    );
  }
  const name = groups.name;
  const arnQualifier = groups.qualifier;
  if (queryQualifier !== undefined && arnQualifier !== undefined && queryQualifier !== arnQualifier) {
    // Inferred from LocalStack's provider (api_utils.get_name_and_qualifier); not recorded.
    throw new LambdaServiceError(
      400,
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  if (groups.region !== undefined && groups.region !== scope.region) {
    throw new LambdaServiceError(
      404,
      'ResourceNotFoundException',
      `Functions from '${groups.region}' are not reachable in this region ('${scope.region}')`,
    );
  }
  const qualifier = queryQualifier ?? arnQualifier;
  const fn =
    scope.functions.find((candidate) => candidate.functionName === name) ??
    scope.functions.find((candidate) => candidate.logicalId === name);
  const arn = (n: string) => `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${n}`;
  // gatehouse runs only the template's code, i.e. $LATEST: versions and aliases do not exist locally.
  if (fn === undefined || (qualifier !== undefined && qualifier !== '$LATEST')) {
    // Recorded (LS test_invoke_exceptions, 2025-11-24): `Function not found: arn:...:function:doesnotexist:$LATEST`
    // for an unqualified invoke (a 2023 recording of the same test had no `:$LATEST`).
    throw new LambdaServiceError(404, 'ResourceNotFoundException', `Function not found: ${arn(name)}:${qualifier ?? '$LATEST'}`);
  }
  return {
    fn,
    qualifier,
    invokedFunctionArn: qualifier === undefined ? arn(fn.functionName) : `${arn(fn.functionName)}:${qualifier}`,
  };
}
