import { pathToFileURL } from 'node:url';
import type { Finding, FindingLocation, RuleSpec, Severity } from '../finding.js';
import { isProbeRuleId, probeRuleFor } from '../probe/probe-rules.js';
import { staticRules } from '../registry.js';
import { displayFile } from './display-path.js';
import type { Formatter } from './report-input.js';

/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning UIs (GitHub, GitLab, VS Code's SARIF viewer). Files inside the
 * working folder are relative to the `%SRCROOT%` base, as GitHub code scanning expects; others are file: URIs.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export const formatSarif: Formatter = (report, options) => {
  const rules = rulesFor(report.findings);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gatehouse doctor',
            version: options.version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.title },
              helpUri: rule.docs,
              defaultConfiguration: { level: levelOf(rule.severity) },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(options.cwd).href.replace(/\/?$/, '/')}` } },
        results: report.findings.map((finding) => resultOf(finding, index.get(finding.ruleId) ?? -1, options.cwd)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function rulesFor(findings: readonly Finding[]): RuleSpec[] {
  const rules = [...staticRules];
  for (const finding of findings) {
    if (!rules.some((rule) => rule.id === finding.ruleId) && isProbeRuleId(finding.ruleId)) {
      rules.push(probeRuleFor(finding.ruleId.slice('probe/'.length) as Parameters<typeof probeRuleFor>[0]));
    }
  }
  return rules;
}

function resultOf(finding: Finding, ruleIndex: number, cwd: string) {
  const [primary, ...related] = finding.locations;
  const explanation = finding.probe?.explanation ? `\n\n${finding.probe.explanation}` : '';
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: levelOf(finding.severity),
    message: { text: `${finding.message}\nFix: ${finding.fix}${explanation}` },
    locations: primary ? [physicalLocationOf(primary, cwd)] : [],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((location, i) => ({
            id: i + 1,
            ...physicalLocationOf(location, cwd),
            ...(location.label ? { message: { text: location.label } } : {}),
          })),
        }
      : {}),
  };
}

function physicalLocationOf(location: FindingLocation, cwd: string) {
  const shown = displayFile(location.file, cwd);
  const artifactLocation =
    shown === location.file ? { uri: pathToFileURL(location.file).href } : { uri: encodeURI(shown), uriBaseId: 'SRCROOT' };
  const region =
    location.line > 0
      ? { region: { startLine: location.line, ...(location.column > 0 ? { startColumn: location.column } : {}) } }
      : {};
  return { physicalLocation: { artifactLocation, ...region } };
}

/** SARIF levels: error, warning, note. */
function levelOf(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}
