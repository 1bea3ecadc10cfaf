/**
 * How verified claims appear in the integration's event.
 *
 * REST Cognito user pool authorizers: `requestContext.authorizer.claims`, every value a string (reported:
 * awsdocs/amazon-api-gateway-developer-guide#158); `exp` and `iat` rendered as Java dates in UTC
 * (`Mon Jul 15 05:58:22 UTC 2019`) while `auth_time` stays the number as text, and a one-element list such as
 * cognito:groups becomes its element (public event captures quoted in many projects; inferred, not recorded).
 * HTTP API JWT authorizers: `requestContext.authorizer.jwt.claims` with string values and `.scopes` as a list
 * (documented example in http-api-develop-integrations-lambda.html); lists rendered `[a b]` (inferred).
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function restCognitoClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if ((name === 'exp' || name === 'iat') && typeof value === 'number') out[name] = javaDate(value);
    else if (Array.isArray(value)) out[name] = value.map(scalarText).join(',');
    else out[name] = scalarText(value);
  }
  return out;
}

export function httpJwtClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    out[name] = Array.isArray(value) ? `[${value.map(scalarText).join(' ')}]` : scalarText(value);
  }
  return out;
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `EEE MMM dd HH:mm:ss zzz yyyy` in UTC, as Java's Date.toString(). */
export function javaDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
