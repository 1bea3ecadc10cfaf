import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { describeRestMethod } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';
import { locationIn } from '../handler-source.js';
import { isCoveredByBinaryMediaTypes } from '../media-type-match.js';
import { binaryMediaTypesLocation, readBinaryAnswer, restApisServing, samSpelling } from './binary-body-content-types.js';

// AWS: a REST proxy answer with isBase64Encoded: true is decoded only when the first Accept media type matches
// the API's binaryMediaTypes; otherwise the client receives the base64 text (../shared/aws/api-gateway.md §5.1,
// recorded: test_aws_proxy_binary_response). The returned Content-Type plays no part in the decision, but it is
// the type clients ask for, so it is the entry the API needs.
const rule: RuleSpec = {
  id: 'binary-media-type-missing',
  title: 'A handler returns base64 (isBase64Encoded: true) for a content type the REST API does not list in BinaryMediaTypes',
  severity: 'error',
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/lambda-proxy-binary-media.html',
};

export const binaryMediaTypeMissing: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      const handler = ctx.handlerOf(fn);
      const answer = handler && readBinaryAnswer(handler);
      if (answer === undefined) continue;
      for (const entry of restApisServing(ctx, fn.logicalId)) {
        const listed = entry.api.binaryMediaTypes;
        const where = `${fn.logicalId} (${describeRestMethod(entry)})`;
        const base64 = locationIn(answer.source, answer.base64At, 'isBase64Encoded: true');
        if (answer.contentTypes.length === 0 && listed.length === 0) {
          findings.push(
            findingOf(rule, {
              message: `${where} returns isBase64Encoded: true, but REST API ${entry.api.logicalId} has no BinaryMediaTypes: every client receives the base64 text, not the bytes`,
              fix: `Add the media type the function returns to BinaryMediaTypes of ${entry.api.logicalId}, in SAM's spelling (e.g. image~1png).`,
              locations: [base64, binaryMediaTypesLocation(entry)],
            }),
          );
          continue;
        }
        for (const contentType of answer.contentTypes) {
          if (isCoveredByBinaryMediaTypes(contentType.value, listed)) continue;
          const type = contentType.value.toLowerCase();
          findings.push(
            findingOf(rule, {
              message: `${where} returns ${type} bodies base64-encoded (isBase64Encoded: true), but ${type} is not in BinaryMediaTypes of REST API ${entry.api.logicalId} (${listed.length === 0 ? 'none listed' : listed.join(', ')}): clients asking for ${type} receive the base64 text`,
              fix: `Add ${samSpelling(type)} to BinaryMediaTypes of ${entry.api.logicalId}${type.startsWith('image/') ? ` (or ${samSpelling('image/*')}, which also covers the image/avif and image/webp browsers put first in Accept)` : ''}, and redeploy.`,
              locations: [
                locationIn(answer.source, contentType, `Content-Type ${type}`),
                base64,
                binaryMediaTypesLocation(entry),
              ],
            }),
          );
        }
      }
    }
    return findings;
  },
};
