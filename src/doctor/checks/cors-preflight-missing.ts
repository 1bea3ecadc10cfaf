import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import type { DoctorContext } from '../doctor-context.js';
import { describeRestMethod, locationOf, type RestFunctionMethod } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';
import { findInSource, locationIn } from '../handler-source.js';

// AWS (how-to-cors.html): a REST API adds no CORS headers itself; with a Lambda proxy integration the function
// returns Access-Control-Allow-Origin, and the browser's preflight needs an OPTIONS method (SAM Cors adds a
// MOCK one). Without it the preflight gets 403 Missing Authentication Token (no method matches:
// ../shared/aws/api-gateway.md §7, §9) and the browser blocks the real request. PUT, PATCH and DELETE are always
// preflighted; GET, HEAD and POST only with a non-simple header or Content-Type (e.g. application/json,
// Authorization): https://fetch.spec.whatwg.org/#cors-safelisted-method
const rule: RuleSpec = {
  id: 'cors-preflight-missing',
  title: "A handler answers with CORS headers, but the REST API has no OPTIONS method (or Cors) for the browser's preflight",
  severity: 'warning',
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html',
};

const alwaysPreflighted = new Set(['PUT', 'PATCH', 'DELETE']);

export const corsPreflightMissing: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const entry of ctx.restMethods()) {
      if (!entry.proxy || hasCors(ctx, entry) || hasPreflightMethod(entry)) continue;
      const fn = ctx.functionByLogicalId(entry.functionLogicalId);
      const handler = fn && ctx.handlerOf(fn);
      const header = handler && findInSource(handler, /access-control-allow-origin/i)[0];
      if (handler === undefined || header === undefined) continue;
      const method = entry.method.httpMethod;
      findings.push(
        findingOf(rule, {
          severity: alwaysPreflighted.has(method) ? 'error' : 'warning',
          message: `${entry.functionLogicalId} sets Access-Control-Allow-Origin for ${describeRestMethod(entry)}, but ${entry.resource.path} has no OPTIONS method and the API no Cors: a browser's preflight (${alwaysPreflighted.has(method) ? `always sent before ${method}` : 'sent for JSON bodies and headers such as Authorization'}) gets 403 and the browser blocks the call`,
          fix: `Add Cors to ${entry.api.logicalId} (Cors: { AllowOrigin: "'https://example.com'", AllowMethods: "'${method},OPTIONS'", AllowHeaders: "'Content-Type,Authorization'" }), or an Api event with Method: options for ${entry.resource.path} answered by the function.`,
          locations: [locationOf(entry.method.source), locationIn(handler, header, 'Access-Control-Allow-Origin')],
        }),
      );
    }
    return findings;
  },
};

/** SAM's Cors on the API (or Globals.Api) creates OPTIONS methods on deploy. */
function hasCors(ctx: DoctorContext, entry: RestFunctionMethod): boolean {
  const own = entry.api.implicit ? undefined : ctx.nodeAt(`Resources.${entry.api.logicalId}.Properties.Cors`);
  return own !== undefined || ctx.nodeAt('Globals.Api.Cors') !== undefined;
}

/**
 * OPTIONS or ANY on the resource itself, or on a greedy `{proxy+}` resource above it (AWS routes an OPTIONS the
 * resource lacks to a sibling {proxy+} that defines it: ../shared/aws/api-gateway.md §9, recorded).
 */
function hasPreflightMethod(entry: RestFunctionMethod): boolean {
  const answersOptions = (methods: readonly { httpMethod: string }[]) =>
    methods.some((m) => m.httpMethod === 'OPTIONS' || m.httpMethod === 'ANY');
  if (answersOptions(entry.resource.methods)) return true;
  return entry.api.resources.some((resource) => {
    const greedy = /^(.*)\/\{[^}]+\+\}$/.exec(resource.path);
    if (!greedy || !answersOptions(resource.methods)) return false;
    const base = greedy[1] ?? '';
    return entry.resource.path.startsWith(`${base}/`);
  });
}
