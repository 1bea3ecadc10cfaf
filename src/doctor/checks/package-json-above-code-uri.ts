import { findPackageJsonAboveTaskRoot } from '../../runtime/package-scope.js';
import type { Check } from '../check.js';
import { findingOf } from '../check.js';
import { locationOf } from '../doctor-context.js';
import type { Finding, RuleSpec } from '../finding.js';

// AWS (../shared/aws/lambda.md §4.3, §4.8): only the CodeUri folder is deployed. The Node runtime loads <module>.js
// as CommonJS or as an ES module from the nearest package.json "type"; a package.json above CodeUri decides that
// locally but is absent on AWS, where a .js handler with `export` syntax can fail with
// Runtime.UserCodeSyntaxError (or load, on Node versions that detect module syntax). .mjs and .cjs files do not
// depend on "type".
const rule: RuleSpec = {
  id: 'package-json-above-code-uri',
  title: 'A package.json above CodeUri sets "type" for a .js handler locally, but is not deployed',
  severity: 'warning',
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
};

export const packageJsonAboveCodeUri: Check = {
  rule,
  run(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      const handler = ctx.handlerOf(fn);
      if (handler === undefined || handler.extension !== '.js' || fn.buildMethod === 'esbuild') continue;
      const above = findPackageJsonAboveTaskRoot(fn);
      if (above === undefined) continue;
      findings.push(
        findingOf(rule, {
          message: `${fn.logicalId}: ${ctx.relativeFile(above.file)} ("type": "${above.type}") decides locally how ${ctx.relativeFile(handler.file)} loads, but only CodeUri ${ctx.relativeFile(fn.codeUri)} is deployed, where no package.json says so: the handler can load differently on AWS`,
          fix: `Add a package.json to ${ctx.relativeFile(fn.codeUri)} with the "type" the handler needs (${/\bexport\b|\bimport\s/.test(handler.text) ? '"module" for its export/import syntax' : '"commonjs" for require/module.exports'}), or rename the handler to .mjs / .cjs.`,
          locations: [
            { file: above.file, line: 1, column: 1, label: `"type": "${above.type}"` },
            locationOf(ctx.functionPropertyRef(fn, 'CodeUri')),
            { file: handler.file, line: 1, column: 1 },
          ],
        }),
      );
    }
    return findings;
  },
};
