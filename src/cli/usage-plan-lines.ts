import type { ApiModel } from '../model/rest-api.js';

/** Start-up lines for API keys and usage plans: the values to send in x-api-key, made-up ones included. */
export function formatApiKeyLines(model: ApiModel): string[] {
  const keys = model.apiKeys ?? [];
  const plans = model.usagePlans ?? [];
  if (keys.length === 0 && plans.length === 0) return [];
  const lines = ['API keys (send as x-api-key):'];
  for (const key of keys) {
    const inPlans = plans.filter((p) => p.apiKeyLogicalIds.includes(key.logicalId)).map((p) => p.logicalId);
    const notes = [
      key.generated ? 'value generated locally (AWS would generate its own)' : undefined,
      key.enabled ? undefined : 'DISABLED: Enabled is not true',
      inPlans.length === 0 ? 'in no usage plan: every request with it is refused' : `usage plan ${inPlans.join(', ')}`,
    ].filter((n): n is string => n !== undefined);
    lines.push(`  ${key.logicalId}: ${key.value}  (${notes.join('; ')})`);
  }
  for (const plan of plans) {
    const stages = plan.apiStages.map((s) => `${s.restApiLogicalId}/${s.stage}`).join(', ') || 'no stages';
    const throttle = plan.throttle
      ? `throttle ${plan.throttle.rateLimit ?? '-'}/s burst ${plan.throttle.burstLimit ?? '-'}`
      : 'no throttle';
    const quota = plan.quota ? `quota ${plan.quota.limit} per ${plan.quota.period}` : 'no quota';
    lines.push(`  usage plan ${plan.logicalId}: ${stages}; ${throttle}; ${quota}`);
  }
  lines.push('');
  return lines;
}
