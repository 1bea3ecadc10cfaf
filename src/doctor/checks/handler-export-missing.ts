import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { locationOf } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';
import { lookUpExport } from '../handler-exports.js';

// AWS (../shared/aws/lambda.md §4.5): when the module loads but the export is missing, the invoke fails with
// Runtime.HandlerNotFound "<handler> is undefined or not exported"; `module.exports = fn` with Handler
// index.handler is "undefined or not exported" as well.
const rule: RuleSpec = {
  id: 'handler-export-missing',
  title: 'The handler module does not export the function the Handler names (Runtime.HandlerNotFound on AWS)',
  severity: 'error',
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
};

export const handlerExportMissing: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      const handler = ctx.handlerOf(fn);
      if (handler === undefined) continue;
      const name = handler.exportPath.split('.')[0] ?? handler.exportPath;
      if (lookUpExport(handler, name).kind !== 'missing') continue;
      findings.push(
        findingOf(rule, {
          message: `${fn.logicalId}: ${ctx.relativeFile(handler.file)} does not export ${name}; AWS fails every invoke with Runtime.HandlerNotFound: ${fn.handler.slice(fn.handler.lastIndexOf('/') + 1)} is undefined or not exported`,
          fix: `Export it (export const ${name} = async (event) => { ... }), or point Handler at the name the module exports.`,
          locations: [{ file: handler.file, line: 1, column: 1 }, locationOf(ctx.functionPropertyRef(fn, 'Handler'))],
        }),
      );
    }
    return findings;
  },
};
