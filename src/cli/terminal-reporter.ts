import { ansi, formatExchangeLine, formatExplanation, plain } from '../failures/explain.js';
import type { FunctionLogLine } from '../runtime/runtime.js';
import type { Exchange } from '../server/gateway.js';

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
  };
}
