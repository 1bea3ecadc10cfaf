import { isTemplateError, loadSamTemplate } from '../config/index.js';
import type { ApiModel } from '../model/rest-api.js';
import { createDoctorContext } from './doctor-context.js';
import { type Finding, severityOrder } from './finding.js';
import { probeApi } from './probe/probe-api.js';
import { checks, templateErrorRule } from './registry.js';

export interface DoctorOptions {
  readonly template: string;
  /** Start the API and call every route (runs the handlers). */
  readonly probe?: boolean;
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  readonly region?: string;
}

export interface DoctorReport {
  readonly template: string;
  readonly findings: readonly Finding[];
  /** The requests `--probe` sent; 0 without it. */
  readonly probedRequests: number;
}

/**
 * `gatehouse doctor`: the static checks over the template and the handlers' source text, then, with `probe`,
 * sample requests through the running API. A template that cannot be loaded is one finding and ends the run.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  let model: ApiModel;
  try {
    model = await loadSamTemplate(options.template, {
      ...(options.parameterOverrides ? { parameterOverrides: { ...options.parameterOverrides } } : {}),
      ...(options.region ? { region: options.region } : {}),
    });
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    const finding: Finding = {
      ruleId: templateErrorRule.id,
      severity: 'error',
      message: error.keyPath === '' ? error.detail : `${error.keyPath}: ${error.detail}`,
      fix: 'Correct the key or value named; gatehouse reads nothing else until the template loads.',
      locations: [
        { file: error.file, line: error.line, column: error.column, ...(error.keyPath ? { label: error.keyPath } : {}) },
      ],
      docs: templateErrorRule.docs,
    };
    return { template: options.template, findings: [finding], probedRequests: 0 };
  }
  const ctx = createDoctorContext(model);
  const findings = checks.flatMap((check) => check.run(ctx));
  let probedRequests = 0;
  if (options.probe) {
    const probed = await probeApi({ ...options, model });
    findings.push(...probed.findings);
    probedRequests = probed.requests;
  }
  return { template: model.templateFile, findings: sortFindings(findings), probedRequests };
}

/** Errors first, then warnings, then info; within a severity, in check order (stable). */
function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
}

export function exitCodeFor(findings: readonly Finding[]): 0 | 1 {
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}
