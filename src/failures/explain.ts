import { relative } from 'node:path';
import { formatSourceRef } from '../model/source-ref.js';
import { fillPlaceholders } from '../pipeline/context.js';
import type { GatewayRequest, GatewayResponse } from '../pipeline/http-message.js';
import type { Failure, Notice, Trace } from '../pipeline/trace.js';
import { failures } from './catalogue.js';

export interface ExplainInput {
  readonly request: GatewayRequest;
  readonly response: GatewayResponse;
  readonly trace: Trace;
  readonly ms: number;
}

export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const plain: Paint = { red: (t) => t, yellow: (t) => t, dim: (t) => t, bold: (t) => t };

export const ansi: Paint = {
  red: (t) => `\x1b[31m${t}\x1b[39m`,
  yellow: (t) => `\x1b[33m${t}\x1b[39m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
};

/** `GET /Prod/hello 200 3.2 ms warm`: one line for every request. */
export function formatExchangeLine(input: ExplainInput, paint: Paint = plain): string {
  const { request, response, trace } = input;
  const temperature = trace.lambda?.coldStart === undefined ? '' : trace.lambda.coldStart ? ' cold' : ' warm';
  const status = String(response.status);
  const painted = response.status >= 500 ? paint.red(status) : response.status >= 400 ? paint.yellow(status) : status;
  const cached =
    trace.cache?.outcome === 'hit'
      ? ` ${paint.dim(`cached (age ${trace.cache.ageSeconds ?? 0} s, TTL ${trace.cache.ttlSeconds} s)`)}`
      : '';
  return `${request.method} ${request.target} ${painted} ${input.ms.toFixed(1)} ms${temperature}${cached}`;
}

/**
 * The explanation block for an answer the gateway made itself, or for a legal-but-surprising answer
 * (base64 text instead of bytes, ...). Undefined when there is nothing to explain.
 */
export function formatExplanation(input: ExplainInput, paint: Paint = plain): string | undefined {
  const { trace } = input;
  const blocks: string[] = [];
  if (trace.failure) blocks.push(explainFailure(input, trace.failure, paint));
  for (const notice of trace.notices) blocks.push(explainNotice(notice, paint));
  return blocks.length > 0 ? blocks.join('\n') : undefined;
}

function explainFailure(input: ExplainInput, failure: Failure, paint: Paint): string {
  const spec = failures[failure.code];
  const lines = [
    paint.red(paint.bold(`✖ ${input.response.status} ${spec.title}`)) + paint.dim(`  [${failure.code}]`),
    row('request', `${input.request.method} ${input.request.target}${apiLabel(input.trace)}`),
    row('rule', failure.detail),
  ];
  const logLines = input.trace.awsLog.filter(
    (l) => l.startsWith('Execution failed') || l.startsWith('Lambda execution failed') || l.startsWith('Method completed'),
  );
  if (spec.awsLog) lines.push(row('AWS log', fillPlaceholders(spec.awsLog, failure.fields)));
  for (const l of logLines) if (!spec.awsLog || l !== fillPlaceholders(spec.awsLog, failure.fields)) lines.push(row('', l));
  if (input.trace.lambda?.functionError) {
    const fe = input.trace.lambda.functionError;
    lines.push(row('function', `${fe.errorType}: ${fe.errorMessage}`));
  } else if (/MALFORMED/.test(failure.code) && input.trace.lambda?.rawResult !== undefined) {
    lines.push(row('returned', truncate(input.trace.lambda.rawResult, 200)));
  }
  lines.push(row('fix', spec.hint));
  if (failure.source) lines.push(row('where', formatSourceRef(failure.source, shortPath)));
  if (input.trace.lambda?.handlerLocation && /LAMBDA|BASE64/.test(failure.code))
    lines.push(row('handler', input.trace.lambda.handlerLocation));
  lines.push(row('client', `${input.response.status} ${truncate(input.response.body.toString('utf8'), 120)}`));
  lines.push(row('docs', spec.docs));
  return lines.join('\n');
}

function explainNotice(notice: Notice, paint: Paint): string {
  const spec = failures[notice.code];
  const lines = [
    paint.yellow(paint.bold(`⚠ ${spec.title}`)) + paint.dim(`  [${notice.code}]`),
    row('rule', notice.detail),
    row('fix', spec.hint),
  ];
  if (notice.source) lines.push(row('where', formatSourceRef(notice.source, shortPath)));
  lines.push(row('docs', spec.docs));
  return lines.join('\n');
}

function shortPath(file: string): string {
  const short = relative(process.cwd(), file);
  return short.startsWith('..') || short === '' ? file : short;
}

function apiLabel(trace: Trace): string {
  if (!trace.api) return '';
  const what = trace.api.type === 'HTTP' ? 'route' : 'resource';
  return `  (${trace.api.type} API ${trace.api.logicalId}, stage ${trace.api.stage}, ${what} ${trace.api.resourcePath})`;
}

function row(label: string, text: string): string {
  return `  ${label.padEnd(9)} ${text.replace(/\n/g, `\n${' '.repeat(12)}`)}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
