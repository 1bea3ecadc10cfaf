import { type FailureCode, failures } from '../../failures/catalogue.js';
import type { RuleSpec } from '../finding.js';

/**
 * `--probe` findings use one rule per failure-catalogue entry (`probe/LAMBDA_PROXY_MALFORMED_RESPONSE`), so the
 * rule text, fix and docs are the catalogue's (src/failures/catalogue.ts, docs/failures.md).
 */
export function probeRuleFor(code: FailureCode): RuleSpec {
  const spec = failures[code];
  return {
    id: `probe/${code}`,
    title: spec.title,
    severity: spec.kind === 'gateway' ? 'error' : 'warning',
    docs: spec.docs,
  };
}

export function isProbeRuleId(id: string): id is `probe/${FailureCode}` {
  return id.startsWith('probe/') && id.slice('probe/'.length) in failures;
}
