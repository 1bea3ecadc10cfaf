/**
 * How values look and compare inside API Gateway's mapping templates, which run on Apache Velocity (Java).
 * JSON-derived values ($input.path, $util.parseJson) are Java maps and lists with AWS's own toString:
 * AWS (recorded, test_input_path_template_formatting; ../shared/aws/api-gateway.md §6.3): objects render like
 * Java maps `{foo=bar, to=test}`, lists render as compact JSON `[{"foo":"bar"}]`, also inside a map
 * (`{foo=[{"nested":"bar"}]}`).
 */

/** Marks a list that came from JSON (rendered as JSON) rather than a template literal `[1, 2]` (rendered as Java). */
const jsonList = Symbol('gatehouse.jsonList');

export type JsonList = unknown[] & { readonly [jsonList]: true };

/** Tags every list inside a parsed JSON value so it renders as AWS renders JSON lists. */
export function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    const list = value.map(fromJson);
    Object.defineProperty(list, jsonList, { value: true, enumerable: false });
    return list;
  }
  if (value !== null && typeof value === 'object') {
    const map: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) map[key] = fromJson(item);
    return map;
  }
  return value;
}

export function isJsonList(value: unknown): value is JsonList {
  return Array.isArray(value) && (value as Partial<JsonList>)[jsonList] === true;
}

/** `toString()` as the Java object behind the value would write it. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return javaNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (isJsonList(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (typeof value === 'object') {
    if (hasOwnToString(value)) return String(value);
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${javaString(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** What `$x` writes into the output: a null reference writes nothing (see render-template.ts). */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return javaString(value);
}

function javaNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(value);
}

function hasOwnToString(value: object): boolean {
  const own = (value as { toString?: unknown }).toString;
  return typeof own === 'function' && own !== Object.prototype.toString;
}

/**
 * Velocity's `==`. Numbers compare by value, values of different kinds by their toString (Velocity 1.7).
 * AWS (recorded, test_input_path_template_formatting): a missing `$input.path` equals both `$null` and `""`.
 */
export function velocityEquals(a: unknown, b: unknown): boolean {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull && bNull) return true;
  if (aNull) return b === '';
  if (bNull) return a === '';
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === typeof b && typeof a !== 'object') return a === b;
  return javaString(a) === javaString(b);
}

/** Velocity 1.7 `#if`: null and false are false, everything else (also "" and 0) is true. */
export function isVelocityTrue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false;
}
