import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { locationOf } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';

// AWS (../shared/aws/lambda.md §4.3, §4.6): the Node runtime looks for <module>, <module>.js, .mjs and .cjs under
// the CodeUri folder (LAMBDA_TASK_ROOT); when none loads, the invoke fails with Runtime.ImportModuleError
// "Error: Cannot find module '<module>'", and API Gateway answers 502 (REST) or 500 (HTTP API).
const rule: RuleSpec = {
  id: 'handler-not-found',
  title: 'The module a Node function Handler names does not exist under CodeUri (Runtime.ImportModuleError on AWS)',
  severity: 'error',
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
};

export const handlerNotFound: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      if (!fn.runtime.startsWith('nodejs') || ctx.handlerOf(fn) !== undefined) continue;
      const rest = fn.handler.slice(fn.handler.lastIndexOf('/') + 1);
      const dot = rest.indexOf('.');
      const handlerRef = locationOf(ctx.functionPropertyRef(fn, 'Handler'));
      if (dot === -1) {
        findings.push(
          findingOf(rule, {
            message: `${fn.logicalId}: Handler ${JSON.stringify(fn.handler)} names no export; AWS fails every invoke with Runtime.MalformedHandlerName`,
            fix: 'Write Handler as <file without extension>.<export>, e.g. app.handler for export const handler in app.mjs.',
            locations: [handlerRef],
          }),
        );
        continue;
      }
      const module = fn.handler.slice(0, fn.handler.lastIndexOf('/') + 1 + dot);
      findings.push(
        findingOf(rule, {
          message: `${fn.logicalId}: Handler ${JSON.stringify(fn.handler)} points at ${module}(.js|.mjs|.cjs), which does not exist in CodeUri ${ctx.relativeFile(fn.codeUri)}; AWS fails every invoke with Runtime.ImportModuleError: Cannot find module '${module}'`,
          fix: `Create ${module}.mjs (or .js) in ${ctx.relativeFile(fn.codeUri)}, or correct Handler (it is relative to CodeUri, without the extension).`,
          locations: [handlerRef, locationOf(ctx.functionPropertyRef(fn, 'CodeUri'))],
        }),
      );
    }
    return findings;
  },
};
