import type { FunctionSpec } from '../../model/function-spec.js';
import type { SourceRef } from '../../model/source-ref.js';
import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import type { DoctorContext } from '../doctor-context.js';
import { locationOf } from '../doctor-context.js';
import type { Finding, FindingLocation, RuleSpec } from '../finding.js';

// AWS (../shared/aws/api-gateway.md §7, documented: repost.aws/knowledge-center/api-gateway-504-errors): API
// Gateway stops waiting after the integration timeout (REST: TimeoutInMillis, default and maximum 29000 ms; HTTP
// API: at most 30000 ms) and answers 504 (REST) or 503 (HTTP API, recorded), while the function keeps running
// (and is billed) until its own Timeout. With Timeout below the integration timeout the failure is a function
// error the caller can see in the logs instead.
const rule: RuleSpec = {
  id: 'integration-timeout-shorter-than-function',
  title: "The function's Timeout is longer than the integration timeout (clients get 504 while the function keeps running)",
  severity: 'warning',
  docs: 'https://repost.aws/knowledge-center/api-gateway-504-errors',
};

export const integrationTimeout: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const report = (fn: FunctionSpec, timeoutInMillis: number, route: string, integrationRef: SourceRef) => {
      if (fn.timeoutSeconds * 1000 <= timeoutInMillis) return;
      const key = `${fn.logicalId}\0${route}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push(
        findingOf(rule, {
          message: `${fn.logicalId} may run ${fn.timeoutSeconds} s (Timeout), but ${route} waits only ${timeoutInMillis} ms (TimeoutInMillis): slower answers reach the client as 504 "Endpoint request timed out" while the function keeps running`,
          fix: `Lower Timeout of ${fn.logicalId} below ${Math.floor(timeoutInMillis / 1000)} s, or raise TimeoutInMillis of the event (at most 29000 for REST APIs, 30000 for HTTP APIs).`,
          locations: [locationOf(ctx.functionPropertyRef(fn, 'Timeout')), timeoutLocation(ctx, integrationRef)],
        }),
      );
    };
    for (const entry of ctx.restMethods()) {
      const fn = ctx.functionByLogicalId(entry.functionLogicalId);
      if (fn === undefined) continue;
      const route = `${entry.method.httpMethod} ${entry.resource.path} (REST API ${entry.api.logicalId})`;
      report(fn, entry.timeoutInMillis, route, entry.method.source);
    }
    for (const { api, route } of ctx.httpRoutes()) {
      const fn = ctx.functionByLogicalId(route.integration.functionLogicalId);
      if (fn === undefined) continue;
      report(fn, route.integration.timeoutInMillis, `${route.routeKey} (HTTP API ${api.logicalId})`, route.source);
    }
    return findings;
  },
};

/** The event's TimeoutInMillis when written, else the event. */
function timeoutLocation(ctx: DoctorContext, eventRef: SourceRef): FindingLocation {
  const written = ctx.nodeAt(`${eventRef.keyPath}.Properties.TimeoutInMillis`);
  return locationOf(written?.ref ?? eventRef);
}
