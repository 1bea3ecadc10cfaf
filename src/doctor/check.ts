import type { DoctorContext } from './doctor-context.js';
import type { Finding, FindingLocation, RuleSpec, Severity } from './finding.js';

/** One static check: a rule and the function that applies it to the template and the handlers. */
export interface Check {
  readonly rule: RuleSpec;
  run(ctx: DoctorContext): Finding[];
}

export interface FindingInput {
  readonly message: string;
  readonly fix: string;
  readonly locations: readonly FindingLocation[];
  /** Defaults to the rule's severity. */
  readonly severity?: Severity;
}

export function findingOf(rule: RuleSpec, input: FindingInput): Finding {
  return {
    ruleId: rule.id,
    severity: input.severity ?? rule.severity,
    message: input.message,
    fix: input.fix,
    locations: input.locations,
    docs: rule.docs,
  };
}
