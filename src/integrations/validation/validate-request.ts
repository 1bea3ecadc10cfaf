/**
 * Request validation: required parameters and the body against the method's model (JSON Schema draft 4).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 * AWS (documented): parameters are checked when the validator has validateRequestParameters, the body when it
 * has validateRequestBody; the body is validated against the model of its Content-Type (absent:
 * application/json), and failures answer 400 BAD_REQUEST_PARAMETERS / BAD_REQUEST_BODY.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, Options, ValidateFunction } from 'ajv-draft-04';
import type { MethodRequestRules, ModelSpec } from '../../model/integration.js';

interface AjvInstance {
  addSchema(schema: object): unknown;
  getSchema(id: string): ValidateFunction | undefined;
}
type AjvClass = new (options: Options) => AjvInstance;
// ajv-draft-04 is CommonJS (module.exports = Ajv, exports.default = Ajv). It is required on first use: most
// APIs have no request validator, and start-up should not pay for loading it.
const requireModule = createRequire(import.meta.url);
let ajvClass: AjvClass | undefined;
function loadAjv(): AjvClass {
  if (ajvClass === undefined) {
    const loaded = requireModule('ajv-draft-04') as { default?: unknown };
    ajvClass = (typeof loaded.default === 'function' ? loaded.default : loaded) as AjvClass;
  }
  return ajvClass;
}

const MODEL_BASE = 'https://gatehouse.local/models/';
const validators = new WeakMap<readonly ModelSpec[], AjvInstance>();

export interface ParameterPresence {
  readonly querystring: Readonly<Record<string, string>>;
  readonly header: Readonly<Record<string, string>>;
  readonly path: Readonly<Record<string, string>>;
}

/** The names of required parameters the request lacks, as AWS lists them (`[q, x-id]`). */
export function missingParameters(rules: MethodRequestRules, present: ParameterPresence): string[] {
  const missing: string[] = [];
  for (const [key, required] of Object.entries(rules.requestParameters)) {
    if (!required) continue;
    const match = /^method\.request\.(querystring|header|path)\.(.+)$/.exec(key);
    if (!match) continue;
    const [, where = '', name = ''] = match;
    const values = present[where as keyof ParameterPresence];
    const found =
      where === 'header' ? Object.keys(values).some((k) => k.toLowerCase() === name.toLowerCase()) : Object.hasOwn(values, name);
    if (!found) missing.push(name);
  }
  return missing;
}

export type BodyCheck =
  | { readonly ok: true; readonly model?: string }
  | { readonly ok: false; readonly model: string; readonly contentType: string; readonly errors: string[] };

export function validateBody(
  rules: MethodRequestRules,
  models: readonly ModelSpec[],
  contentType: string | undefined,
  body: string,
): BodyCheck {
  const type = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? 'application/json';
  const modelName = rules.requestModels[type] ?? rules.requestModels.$default;
  if (modelName === undefined || modelName === 'Empty') return { ok: true };
  const ajv = ajvFor(models);
  const validate = ajv.getSchema(`${MODEL_BASE}${encodeURIComponent(modelName)}`);
  if (validate === undefined) return { ok: true };
  let value: unknown;
  try {
    value = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    return { ok: false, model: modelName, contentType: type, errors: [`Invalid JSON: ${(error as Error).message}`] };
  }
  if (validate(value)) return { ok: true, model: modelName };
  const errors = (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
  return { ok: false, model: modelName, contentType: type, errors };
}

function ajvFor(models: readonly ModelSpec[]): AjvInstance {
  let ajv = validators.get(models);
  if (ajv === undefined) {
    const Ajv = loadAjv();
    ajv = new Ajv({ allErrors: true, strict: false });
    for (const model of models) {
      ajv.addSchema({ ...rewriteRefs(model.schema), id: `${MODEL_BASE}${encodeURIComponent(model.name)}` } as object);
    }
    validators.set(models, ajv);
  }
  return ajv;
}

/** `#/definitions/X`, `#/components/schemas/X` and API Gateway model URLs `.../models/X` name other models. */
function rewriteRefs(schema: unknown): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') {
        const name = /(?:#\/definitions\/|#\/components\/schemas\/|\/models\/)([^/]+)$/.exec(item)?.[1];
        out[key] = name === undefined ? item : `${MODEL_BASE}${encodeURIComponent(name)}`;
      } else if (key !== '$schema' && key !== 'id') out[key] = walk(item);
    }
    return out;
  };
  const walked = walk(schema);
  return walked !== null && typeof walked === 'object' && !Array.isArray(walked) ? (walked as Record<string, unknown>) : {};
}
