import type { SourceRef } from '../../model/source-ref.js';
import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import type { DoctorContext } from '../doctor-context.js';
import { locationOf } from '../doctor-context.js';
import type { Finding, FindingLocation, RuleSpec } from '../finding.js';
import { findInSource, locationIn } from '../handler-source.js';

// AWS: a request body whose Content-Type matches binaryMediaTypes reaches a proxy function base64-encoded with
// isBase64Encoded: true, and `*/*` matches every type, JSON included (../shared/aws/api-gateway.md §2.5,
// documented: api-gateway-payload-encodings.html; reported against AWS in aws/serverless-application-model#3794).
const rule: RuleSpec = {
  id: 'binary-media-types-wildcard',
  title:
    'BinaryMediaTypes covers application/json (*/*, application/*): every JSON request body reaches the function base64-encoded',
  severity: 'warning',
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html',
};

const coversJson = ['*/*', 'application/*', 'application/json'];

export const binaryMediaTypesWildcard: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const api of ctx.model.restApis) {
      const entry = api.binaryMediaTypes.find((type) => coversJson.includes(type.toLowerCase()));
      if (entry === undefined) continue;
      const parses = jsonBodyParses(ctx, api.logicalId);
      findings.push(
        findingOf(rule, {
          message: `REST API ${api.logicalId} lists ${entry} in BinaryMediaTypes, so every request body with Content-Type application/json reaches the function base64-encoded (isBase64Encoded: true)${parses.length > 0 ? ', and a handler parses event.body as JSON without decoding it first' : ''}`,
          fix: `List only the binary types the API serves (e.g. image~1*, application~1octet-stream), or decode in the handler: const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body.`,
          locations: [entryLocation(ctx, api.binaryMediaTypesSource, entry) ?? locationOf(api.source), ...parses],
        }),
      );
    }
    return findings;
  },
};

/** The list item as written (`'*~1*'`), else the BinaryMediaTypes key. */
function entryLocation(ctx: DoctorContext, listRef: SourceRef | undefined, entry: string) {
  if (listRef === undefined) return undefined;
  const list = ctx.nodeAt(listRef.keyPath);
  if (list?.kind === 'seq') {
    const item = list.items.find(
      (node) =>
        node.kind === 'scalar' &&
        typeof node.value === 'string' &&
        node.value.replaceAll('~1', '/').toLowerCase() === entry.toLowerCase(),
    );
    if (item !== undefined) return locationOf(item.ref);
  }
  return locationOf(listRef);
}

/** `JSON.parse(event.body)` in handlers behind the API that never look at isBase64Encoded. */
function jsonBodyParses(ctx: DoctorContext, apiLogicalId: string): FindingLocation[] {
  const functionIds = new Set(
    ctx
      .restMethods()
      .filter((entry) => entry.api.logicalId === apiLogicalId && entry.proxy)
      .map((entry) => entry.functionLogicalId),
  );
  const found: FindingLocation[] = [];
  for (const id of functionIds) {
    const fn = ctx.functionByLogicalId(id);
    const handler = fn && ctx.handlerOf(fn);
    if (handler === undefined || /isBase64Encoded/.test(handler.text)) continue;
    const parse = findInSource(handler, /JSON\.parse\(\s*\w+\.body\b/)[0];
    if (parse !== undefined) found.push(locationIn(handler, parse, 'JSON.parse(event.body)'));
  }
  return found;
}
