import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { describeRestMethod, locationOf } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';
import { findInSource, isNearStatusCode, locationIn } from '../handler-source.js';
import { restProxyHandlers } from './proxy-response-shape.js';

// AWS (../shared/aws/api-gateway.md §4.1): REST proxy responses allow statusCode, headers, multiValueHeaders,
// body and isBase64Encoded only (documented, output format); any other key is a 502 (recorded). `cookies` is the
// HTTP API payload 2.0 key (§4.2), so a handler written for an HTTP API breaks behind a REST API.
const rule: RuleSpec = {
  id: 'proxy-cookies-rest',
  title: 'A REST proxy handler returns cookies, an HTTP-API-only key (502 Malformed Lambda proxy response on AWS)',
  severity: 'error',
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format',
};

export const proxyCookiesRest: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const { fn, handler, entry } of restProxyHandlers(ctx)) {
      for (const match of findInSource(handler, /\bcookies\s*:/)) {
        if (!isNearStatusCode(handler, match.line)) continue;
        findings.push(
          findingOf(rule, {
            message: `${fn.logicalId} returns a cookies key behind ${describeRestMethod(entry)}; REST proxy responses accept only statusCode, headers, multiValueHeaders, body and isBase64Encoded, so API Gateway answers 502 "Malformed Lambda proxy response"`,
            fix: "Send cookies as headers: multiValueHeaders: { 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/'] }.",
            locations: [locationIn(handler, match, 'cookies'), locationOf(entry.method.source)],
          }),
        );
      }
    }
    return findings;
  },
};
