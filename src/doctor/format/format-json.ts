import { countBySeverity } from '../finding.js';
import { exitCodeFor } from '../run-doctor.js';
import { displayFile } from './display-path.js';
import type { Formatter } from './report-input.js';

/** Bumped on any incompatible change of the shape below (docs/doctor.md documents it). */
export const DOCTOR_JSON_SCHEMA_VERSION = 1;

/** `--format json`: the stable machine-readable report (docs/doctor.md "JSON format"). */
export const formatJson: Formatter = (report, options) => {
  const counts = countBySeverity(report.findings);
  const document = {
    schemaVersion: DOCTOR_JSON_SCHEMA_VERSION,
    tool: { name: 'gatehouse doctor', version: options.version },
    template: displayFile(report.template, options.cwd),
    probe: options.probed ? { requests: report.probedRequests } : null,
    summary: { errors: counts.error, warnings: counts.warning, info: counts.info, exitCode: exitCodeFor(report.findings) },
    findings: report.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      fix: finding.fix,
      docs: finding.docs,
      locations: finding.locations.map((location) => ({
        file: displayFile(location.file, options.cwd),
        line: location.line,
        column: location.column,
        ...(location.label === undefined ? {} : { label: location.label }),
      })),
      ...(finding.probe === undefined ? {} : { probe: finding.probe }),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};
