import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { locationOf } from '../doctor-context.js';
import type { RuleSpec } from '../finding.js';

/** What gatehouse read but does not serve (the same list `gatehouse start` prints): findings do not cover it. */
const rule: RuleSpec = {
  id: 'not-emulated',
  title: 'A resource or property gatehouse reads but does not emulate, so doctor and start say nothing about it',
  severity: 'info',
  docs: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html',
};

export const notEmulated: Check = {
  rule,
  run(ctx) {
    return ctx.model.ignored.map((item) =>
      findingOf(rule, {
        message: `${item.logicalId} (${item.type}): ${item.reason}`,
        fix: 'Nothing to change for AWS; test this part on AWS itself.',
        locations: item.source ? [locationOf(item.source)] : [{ file: ctx.model.templateFile, line: 0, column: 0 }],
      }),
    );
  },
};
