import { countBySeverity, type Finding, type FindingLocation } from '../finding.js';
import { checks } from '../registry.js';
import { displayFile } from './display-path.js';
import type { Formatter } from './report-input.js';

/** The terminal report: one block per finding (severity, rule, message, locations, fix, docs), then a summary. */
export const formatText: Formatter = (report, options) => {
  const lines = [`gatehouse doctor: ${displayFile(report.template, options.cwd)}`, ''];
  for (const finding of report.findings) lines.push(...findingBlock(finding, options.cwd), '');
  const counts = countBySeverity(report.findings);
  const probe = options.probed ? `, ${report.probedRequests} probe requests` : '';
  lines.push(
    report.findings.length === 0
      ? `No problems found (${checks.length} checks${probe}).`
      : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info (${checks.length} checks${probe}).`,
  );
  return `${lines.join('\n')}\n`;
};

function findingBlock(finding: Finding, cwd: string): string[] {
  const block = [`${finding.severity.padEnd(7)} ${finding.ruleId}`, indent(finding.message, 2)];
  finding.locations.forEach((location, index) => {
    block.push(`  ${index === 0 ? 'at  ' : '    '} ${formatLocation(location, cwd)}`);
  });
  // A probe explanation already carries the fix and the docs link.
  if (finding.probe?.explanation) return [...block, indent(finding.probe.explanation, 2)];
  block.push(`  fix  ${indent(finding.fix, 7).trimStart()}`, `  docs ${finding.docs}`);
  return block;
}

export function formatLocation(location: FindingLocation, cwd: string): string {
  const file = displayFile(location.file, cwd);
  const where = location.line > 0 ? `${file}:${location.line}${location.column > 0 ? `:${location.column}` : ''}` : file;
  return location.label ? `${where} (${location.label})` : where;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
