import { relative } from 'node:path';
import { failures } from '../failures/catalogue.js';
import { formatSourceRef } from '../model/source-ref.js';
import { fillPlaceholders } from '../pipeline/context.js';
import type { Exchange } from '../server/gateway.js';

/** One explanation (the failure, or a notice) as data: for `--log-format json` and the inspector. */
export interface ExplanationRecord {
  readonly severity: 'error' | 'notice';
  readonly code: string;
  readonly title: string;
  /** The precise cause: the offending field and value. */
  readonly detail: string;
  readonly fix: string;
  readonly docs: string;
  /** The line AWS writes to the execution log for it, when AWS writes one. */
  readonly awsLog?: string;
  /** `template.yaml:12:3 (Resources.Api...)`: the place to change. */
  readonly where?: string;
  /** `src/report.mjs:2 (export handler)`, for failures the handler caused. */
  readonly handler?: string;
  /** The function's own error, when it threw. */
  readonly functionError?: string;
}

/** The same facts `formatExplanation` prints (src/failures/explain.ts), one record per failure or notice. */
export function explanationRecords(exchange: Exchange, cwd = process.cwd()): ExplanationRecord[] {
  const { trace } = exchange;
  const shortPath = (file: string) => {
    const short = relative(cwd, file);
    return short.startsWith('..') || short === '' ? file : short;
  };
  const records: ExplanationRecord[] = [];
  if (trace.failure) {
    const { failure } = trace;
    const spec = failures[failure.code];
    const fe = trace.lambda?.functionError;
    records.push({
      severity: 'error',
      code: failure.code,
      title: spec.title,
      detail: failure.detail,
      fix: spec.hint,
      docs: spec.docs,
      ...(spec.awsLog ? { awsLog: fillPlaceholders(spec.awsLog, failure.fields) } : {}),
      ...(failure.source ? { where: formatSourceRef(failure.source, shortPath) } : {}),
      ...(trace.lambda?.handlerLocation && /LAMBDA|BASE64/.test(failure.code) ? { handler: trace.lambda.handlerLocation } : {}),
      ...(fe ? { functionError: `${fe.errorType}: ${fe.errorMessage}` } : {}),
    });
  }
  for (const notice of trace.notices) {
    const spec = failures[notice.code];
    records.push({
      severity: 'notice',
      code: notice.code,
      title: spec.title,
      detail: notice.detail,
      fix: spec.hint,
      docs: spec.docs,
      ...(notice.source ? { where: formatSourceRef(notice.source, shortPath) } : {}),
    });
  }
  return records;
}
