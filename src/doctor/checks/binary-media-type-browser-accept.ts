import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { describeRestMethod } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';
import { locationIn } from '../handler-source.js';
import { isCoveredByBinaryMediaTypes } from '../media-type-match.js';
import { binaryMediaTypesLocation, readBinaryAnswer, restApisServing, samSpelling } from './binary-body-content-types.js';

// AWS: only the FIRST Accept media type is matched (../shared/aws/api-gateway.md §5.1, recorded:
// `image/webp,image/png,*/*;q=0.8` → text with image/png listed). Browsers load <img> with Accept
// `image/avif,image/webp,...` (Chrome, Firefox) or `image/webp,...` (Safari), so listing only `image/png` leaves
// every <img> with base64 text. The docs recommend `*/*` "when you can't control the order of Accept header
// values, such as requests from a browser" (api-gateway-payload-encodings.html); `image/*` does it for images
// only, without making JSON request bodies base64 (see binary-media-types-wildcard).
const browserImageTypes = ['image/avif', 'image/webp'];

const rule: RuleSpec = {
  id: 'binary-media-type-browser-accept',
  title:
    "An image type is listed in BinaryMediaTypes, but not the image/avif or image/webp browsers' <img> requests ask for first",
  severity: 'warning',
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html',
};

export const binaryMediaTypeBrowserAccept: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      const handler = ctx.handlerOf(fn);
      const answer = handler && readBinaryAnswer(handler);
      if (answer === undefined) continue;
      for (const entry of restApisServing(ctx, fn.logicalId)) {
        const listed = entry.api.binaryMediaTypes;
        for (const contentType of answer.contentTypes) {
          const type = contentType.value.toLowerCase();
          if (!type.startsWith('image/') || !isCoveredByBinaryMediaTypes(type, listed)) continue;
          const missed = browserImageTypes.filter((t) => !isCoveredByBinaryMediaTypes(t, listed));
          if (missed.length === 0) continue;
          findings.push(
            findingOf(rule, {
              message: `${fn.logicalId} (${describeRestMethod(entry)}) returns ${type}, and ${type} is listed, but a browser's <img> request starts its Accept with ${missed.join(' or ')}, which REST API ${entry.api.logicalId} does not list: the browser receives base64 text and shows a broken image`,
              fix: `List ${samSpelling('image/*')} in BinaryMediaTypes of ${entry.api.logicalId} instead of (or besides) ${samSpelling(type)}.`,
              locations: [binaryMediaTypesLocation(entry), locationIn(answer.source, contentType, `Content-Type ${type}`)],
            }),
          );
        }
      }
    }
    return findings;
  },
};
