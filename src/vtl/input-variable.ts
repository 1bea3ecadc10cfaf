/**
 * `$input` of API Gateway mapping templates: the payload (request body in a request template, the integration's
 * response body in a response template) and the method request's parameters.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference
 */
import { fromJson } from './java-values.js';
import { selectJsonPath } from './json-path.js';
import { TemplateFunctionError } from './util-variable.js';

export interface MethodRequestParams {
  readonly path: Readonly<Record<string, string>>;
  readonly querystring: Readonly<Record<string, string>>;
  readonly header: Readonly<Record<string, string>>;
}

export interface InputVariable {
  readonly body: string;
  json(path?: string): string;
  path(path: string): unknown;
  params(name?: string): unknown;
}

/** Whether a template rendering read the payload, so an explanation can say when a template dropped it. */
export interface PayloadReads {
  read: boolean;
}

export function createInputVariable(payload: string, params: MethodRequestParams, reads: PayloadReads): InputVariable {
  // AWS (recorded, test_input_body_formatting): `$input.body` of an empty request renders as `{}`.
  const body = payload === '' ? '{}' : payload;
  let parsed: { value: unknown } | undefined;
  const document = (): unknown => {
    reads.read = true;
    if (parsed === undefined) {
      try {
        parsed = { value: fromJson(JSON.parse(body)) };
      } catch {
        // Inferred: AWS's JSONPath cannot read a body that is not JSON; the template fails (500).
        throw new TemplateFunctionError(
          `the payload is not JSON, so $input.path/$input.json cannot read it: ${body.slice(0, 60)}`,
        );
      }
    }
    return parsed.value;
  };
  return {
    get body() {
      reads.read = true;
      return body;
    },
    /**
     * A JSON string of the value at `path`. A path that selects nothing gives `""` (inferred from LocalStack's
     * AWS-validated implementation, which JSON-encodes the empty string `$input.path` gives).
     */
    json(path = '$') {
      const value = selectJsonPath(document(), path);
      return JSON.stringify(value === undefined ? '' : value);
    },
    path(path: string) {
      return selectJsonPath(document(), path);
    },
    /**
     * Without a name: `{path={...}, querystring={...}, header={...}}`. With a name: the parameter from the path,
     * the query string or the headers, "searched in that order" (documented); "" when absent (inferred).
     */
    params(name?: string) {
      if (name === undefined)
        return { path: { ...params.path }, querystring: { ...params.querystring }, header: { ...params.header } };
      const lower = name.toLowerCase();
      const header = Object.entries(params.header).find(([key]) => key.toLowerCase() === lower)?.[1];
      return params.path[name] ?? params.querystring[name] ?? header ?? '';
    },
  };
}
