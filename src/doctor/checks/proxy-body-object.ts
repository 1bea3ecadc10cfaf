import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { describeRestMethod, locationOf } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';
import { findInSource, isNearStatusCode, locationIn } from '../handler-source.js';
import { restProxyHandlers } from './proxy-response-shape.js';

// AWS (../shared/aws/api-gateway.md §4.1, documented: repost.aws/knowledge-center/malformed-502-api-gateway):
// a REST proxy response whose body is not a string is a "Malformed Lambda proxy response": 502
// {"message": "Internal server error"}. Many local emulators serialise the object instead, so it only fails
// once deployed.
const rule: RuleSpec = {
  id: 'proxy-body-object',
  title: 'A REST proxy handler returns body as an object (502 Malformed Lambda proxy response on AWS)',
  severity: 'error',
  docs: 'https://repost.aws/knowledge-center/malformed-502-api-gateway',
};

export const proxyBodyObject: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const { fn, handler, entry } of restProxyHandlers(ctx)) {
      for (const match of findInSource(handler, /\bbody\s*:\s*[{[]/)) {
        if (!isNearStatusCode(handler, match.line)) continue;
        findings.push(
          findingOf(rule, {
            message: `${fn.logicalId} returns body as an object or array in a proxy response (${describeRestMethod(entry)}); API Gateway answers 502 {"message": "Internal server error"} with "Malformed Lambda proxy response"`,
            fix: 'Return the body as a string: body: JSON.stringify({ ... }).',
            locations: [locationIn(handler, match, 'body'), locationOf(entry.method.source)],
          }),
        );
      }
    }
    return findings;
  },
};
