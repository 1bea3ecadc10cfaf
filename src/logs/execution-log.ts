import type { Exchange } from '../server/gateway.js';
import { accessLogVariables } from './access-log-variables.js';

/**
 * The stage execution log of one request, as CloudWatch shows it: every line prefixed with `(requestId)`.
 * AWS: ../shared/aws/api-gateway.md §10; a line may hold a multi-line body, as CloudWatch keeps it
 * (`(a4be7bdd-…) Endpoint response body before transformations:` followed by the JSON, in gkrizek/bash-lambda-layer#68).
 * HTTP APIs have no execution log (http-api-logging.html): for them the lines are gatehouse's own notes, and a
 * failed integration ends with the `$context.integrationErrorMessage` AWS would put in the access log.
 */
export interface ExecutionLog {
  /** `aws`: REST execution-log lines; `gatehouse`: an HTTP API's notes (AWS writes none). */
  readonly kind: 'aws' | 'gatehouse';
  readonly requestId: string;
  readonly lines: readonly string[];
}

export function executionLogOf(exchange: Exchange): ExecutionLog {
  const { trace } = exchange;
  if (trace.api?.type === 'HTTP') {
    const variables = accessLogVariables(exchange, { type: 'HTTP', apiId: trace.api.id, stage: trace.api.stage });
    const requestId = String(variables.requestId ?? trace.requestId);
    const lines = trace.awsLog.map((line) => `(${requestId}) ${line}`);
    const integrationError = variables.integrationErrorMessage;
    const noted = trace.awsLog.some((line) => line.startsWith('integrationErrorMessage'));
    if (integrationError !== undefined && !noted) lines.push(`(${requestId}) integrationErrorMessage: ${integrationError}`);
    return { kind: 'gatehouse', requestId, lines };
  }
  return { kind: 'aws', requestId: trace.requestId, lines: trace.awsLog.map((line) => `(${trace.requestId}) ${line}`) };
}
