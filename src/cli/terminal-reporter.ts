import { relative } from 'node:path';
import { ansi, formatExchangeLine, formatExplanation, type Paint, plain } from '../failures/explain.js';
import { BUILD_FAILED_ERROR_TYPE } from '../runtime/build/build-failure.js';
import { type BuildMessage, formatBuildMessage } from '../runtime/build/build-messages.js';
import type { BuildEvent } from '../runtime/build/code-builder.js';
import type { ReloadEvent } from '../runtime/code-watch.js';
import type { FunctionLogLine } from '../runtime/runtime.js';
import type { Exchange } from '../server/gateway.js';
import type { DeploymentReport } from '../server/template-reload.js';
import { formatDeploymentReport } from './deployment-lines.js';

const FUNCTION_COLORS = [36, 35, 34, 32, 33, 96, 95, 94];

/** What the terminal shows while gatehouse runs: a line per request, explanations, function logs. */
export function createTerminalReporter(out: NodeJS.WriteStream, err: NodeJS.WriteStream) {
  const color = Boolean(out.isTTY) && !process.env.NO_COLOR;
  const paint = color ? ansi : plain;
  const colorOf = new Map<string, number>();
  return {
    exchange(exchange: Exchange) {
      out.write(`${formatExchangeLine(exchange, paint)}\n`);
      const explanation = formatExplanation(exchange, paint);
      if (explanation) out.write(`${explanation}\n`);
    },
    functionLog(line: FunctionLogLine) {
      let code = colorOf.get(line.functionName);
      if (code === undefined) {
        code = FUNCTION_COLORS[colorOf.size % FUNCTION_COLORS.length] as number;
        colorOf.set(line.functionName, code);
      }
      const label = color ? `\x1b[${code}m${line.functionName}\x1b[39m` : line.functionName;
      const text = line.text.replace(/\r/g, '\n  ');
      err.write(`${label} ${line.kind === 'platform' ? paint.dim(text) : text}\n`);
    },
    reload(event: ReloadEvent) {
      out.write(`${formatReloadLine(event, paint)}\n`);
    },
    build(event: BuildEvent) {
      out.write(`${formatBuildLines(event, paint).join('\n')}\n`);
    },
    deployment(report: DeploymentReport) {
      out.write(`${formatDeploymentReport(report, paint).join('\n')}\n`);
    },
  };
}

/** `↻ src/app.mjs changed: ImageFunction, HelloFunction will start fresh environments`. */
export function formatReloadLine(event: ReloadEvent, paint: Paint = plain, cwd = process.cwd()): string {
  const file = relative(cwd, event.changedFile) || event.changedFile;
  const more = event.changedFiles.length > 1 ? ` (and ${event.changedFiles.length - 1} more)` : '';
  return `${paint.bold('↻')} ${file}${more} changed: ${event.functionLogicalIds.join(', ')} will start fresh environments`;
}

/** `✔ HelloFunction built with esbuild in 31 ms`, or the esbuild errors with file:line:column. */
export function formatBuildLines(event: BuildEvent, paint: Paint = plain, cwd = process.cwd()): string[] {
  const warnings = event.warnings.map((w) => `  ${paint.yellow('▲')} ${formatMessageLine(w, cwd)}`);
  if (event.kind === 'built') {
    return [`${paint.dim('✔')} ${event.functionLogicalId} built with esbuild in ${event.ms} ms`, ...warnings];
  }
  return [
    `${paint.red('✘')} ${event.functionLogicalId}: esbuild build failed; its invokes answer ${BUILD_FAILED_ERROR_TYPE} until a change fixes it`,
    ...event.errors.map((e) => `  ${paint.red('✘')} ${formatMessageLine(e, cwd)}`),
    ...warnings,
  ];
}

function formatMessageLine(message: BuildMessage, cwd: string): string {
  const source = message.lineText ? `\n      ${message.line} │ ${message.lineText}` : '';
  return `${formatBuildMessage(message, cwd)}${source}`;
}
