/**
 * What `gatehouse doctor` reports: one finding per problem, with the rule that found it, where to look and
 * what to change. The JSON and SARIF formats are built from these records only (docs/doctor.md).
 */
export type Severity = 'error' | 'warning' | 'info';

/** A place in the user's files. `line` and `column` are 1-based; 0 when unknown. */
export interface FindingLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The template key path (`Resources.Api.Properties.BinaryMediaTypes`), or the handler export, when known. */
  readonly label?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** What is wrong, with the values involved. */
  readonly message: string;
  /** What to write instead. */
  readonly fix: string;
  /** The primary location first. */
  readonly locations: readonly FindingLocation[];
  /** The AWS page the rule comes from. */
  readonly docs: string;
  /** `--probe` findings: the request sent and gatehouse's explanation of the answer. */
  readonly probe?: { readonly request: string; readonly status: number; readonly explanation?: string };
}

/** A rule as SARIF's `tool.driver.rules` and `docs/doctor.md` describe it. */
export interface RuleSpec {
  readonly id: string;
  /** One line: what the rule looks for. */
  readonly title: string;
  readonly severity: Severity;
  readonly docs: string;
}

export const severityOrder: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
