import type { Writable } from 'node:stream';
import { ansi, formatExchangeLine, plain } from '../failures/explain.js';
import type { AccessLogLine } from '../logs/access-log.js';
import { executionLogOf } from '../logs/execution-log.js';
import { explanationRecords } from '../logs/explanation-record.js';
import type { BuildEvent } from '../runtime/build/code-builder.js';
import type { ReloadEvent } from '../runtime/code-watch.js';
import type { FunctionLogLine } from '../runtime/runtime.js';
import type { Exchange } from '../server/gateway.js';
import type { DeploymentReport } from '../server/template-reload.js';
import { formatDeploymentReport } from './deployment-lines.js';
import { createTerminalReporter, formatBuildLines, formatReloadLine } from './terminal-reporter.js';

/** `info`: a line per request, explanations, function logs. `debug`: also each request's execution-log lines. */
export type LogLevel = 'info' | 'debug';
/** `text` for people; `json`: one JSON object per line, for machines. */
export type LogFormat = 'text' | 'json';

export interface LogOptions {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** `--access-log FILE`: access-log lines go there, exactly in the stage's Format, instead of the terminal. */
  readonly accessLogFile?: Writable;
}

export interface LogReporter {
  exchange(exchange: Exchange): void;
  accessLog(entry: AccessLogLine, exchange: Exchange): void;
  functionLog(line: FunctionLogLine): void;
  reload(event: ReloadEvent): void;
  build(event: BuildEvent): void;
  deployment(report: DeploymentReport): void;
}

/** What `gatehouse start` writes while it runs, as `--log-level`, `--log-format` and `--access-log` ask. */
export function createLogReporter(out: NodeJS.WriteStream, err: NodeJS.WriteStream, options: LogOptions): LogReporter {
  const debug = options.level === 'debug';
  if (options.format === 'json') return createJsonReporter(out, options);
  const terminal = createTerminalReporter(out, err);
  const paint = out.isTTY && !process.env.NO_COLOR ? ansi : plain;
  return {
    ...terminal,
    exchange(exchange) {
      terminal.exchange(exchange);
      if (debug) {
        const log = executionLogOf(exchange);
        if (log.lines.length > 0) out.write(`${log.lines.map((line) => paint.dim(line)).join('\n')}\n`);
      }
    },
    accessLog(entry) {
      if (options.accessLogFile) options.accessLogFile.write(`${entry.line}\n`);
      else out.write(`${paint.dim(`access ${entry.stage.stage}`)} ${entry.line}\n`);
    },
  };
}

function createJsonReporter(out: NodeJS.WriteStream, options: LogOptions): LogReporter {
  const write = (record: Record<string, unknown>) =>
    out.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
  return {
    exchange(exchange) {
      const { request, response, trace } = exchange;
      write({
        type: 'request',
        requestId: trace.requestId,
        method: request.method,
        path: request.target,
        status: response.status,
        ms: Math.round(exchange.ms * 10) / 10,
        ...(trace.api ? { api: trace.api } : {}),
        ...(trace.lambda ? { function: trace.lambda.functionName, coldStart: trace.lambda.coldStart } : {}),
        ...(trace.cache ? { cache: trace.cache.outcome } : {}),
        ...(trace.failure ? { failure: trace.failure.code } : {}),
        line: formatExchangeLine(exchange),
      });
      for (const explanation of explanationRecords(exchange))
        write({ type: 'explanation', requestId: trace.requestId, ...explanation });
      if (options.level === 'debug') {
        const log = executionLogOf(exchange);
        if (log.lines.length > 0) write({ type: 'execution-log', requestId: trace.requestId, kind: log.kind, lines: log.lines });
      }
    },
    accessLog(entry, exchange) {
      if (options.accessLogFile) options.accessLogFile.write(`${entry.line}\n`);
      else
        write({
          type: 'access-log',
          requestId: exchange.trace.requestId,
          apiId: entry.stage.apiId,
          stage: entry.stage.stage,
          line: entry.line,
        });
    },
    functionLog(line) {
      write({
        type: 'function-log',
        time: new Date(line.at).toISOString(),
        function: line.functionName,
        ...(line.requestId === undefined ? {} : { requestId: line.requestId }),
        kind: line.kind,
        text: line.text,
      });
    },
    reload(event) {
      write({ type: 'reload', functions: event.functionLogicalIds, text: formatReloadLine(event) });
    },
    build(event) {
      write({ type: 'build', function: event.functionLogicalId, outcome: event.kind, text: formatBuildLines(event).join('\n') });
    },
    deployment(report) {
      write({ type: 'deployment', kind: report.kind, text: formatDeploymentReport(report).join('\n') });
    },
  };
}
