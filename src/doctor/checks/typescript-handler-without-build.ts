import { relative } from 'node:path';
import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { locationOf } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';

// AWS (../shared/aws/lambda.md §4.9): the Node runtime never loads .ts files; an un-built app.ts with Handler
// app.handler fails with Runtime.ImportModuleError. SAM transpiles TypeScript only with Metadata BuildMethod
// esbuild (lambda-typescript.html; sam build's esbuild workflow).
const rule: RuleSpec = {
  id: 'typescript-handler-without-build',
  title: 'A TypeScript handler without Metadata BuildMethod: esbuild (AWS cannot load .ts: Runtime.ImportModuleError)',
  severity: 'error',
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/typescript-package.html',
};

export const typescriptHandlerWithoutBuild: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      const handler = ctx.handlerOf(fn);
      if (handler === undefined || !/^\.[cm]?ts$/.test(handler.extension) || fn.buildMethod === 'esbuild') continue;
      const resource = ctx.nodeAt(`Resources.${fn.logicalId}`);
      findings.push(
        findingOf(rule, {
          message: `${fn.logicalId}: Handler ${fn.handler} is the TypeScript file ${ctx.relativeFile(handler.file)}${fn.buildMethod ? `, built with BuildMethod ${fn.buildMethod}` : ''}; without esbuild nothing turns it into JavaScript, and AWS fails every invoke with Runtime.ImportModuleError`,
          fix: `Add to ${fn.logicalId}:\n  Metadata:\n    BuildMethod: esbuild\n    BuildProperties:\n      EntryPoints: [${relative(fn.codeUri, handler.file)}]`,
          locations: [
            locationOf(resource?.ref ?? fn.source),
            locationOf(ctx.functionPropertyRef(fn, 'Handler')),
            { file: handler.file, line: 1, column: 1 },
          ],
        }),
      );
    }
    return findings;
  },
};
