/**
 * An access-log line from a stage's `Format`: every `$context.name` replaced by its value, everything else kept as
 * written, so CLF, JSON, XML and CSV formats all work.
 * AWS: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html (REST),
 *      https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html (HTTP APIs)
 * AWS writes `-` for a variable without a value (documented: "if a variable has no value, API Gateway logs `-`";
 * the CLF example in the console shows it). Values are inserted as they are, without JSON escaping, as AWS does
 * (inferred: a user agent with a `"` yields a JSON line that does not parse; `$context.error.messageString` exists
 * because `$context.error.message` is not quoted).
 */
export type ContextVariables = Readonly<Record<string, string | number | undefined>>;

/** `$context.identity.sourceIp`, `$context.requestId`, ...: dotted names, longest known name wins. */
const VARIABLE = /\$context\.([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)/g;

export function formatAccessLog(format: string, variables: ContextVariables): string {
  return format.replace(VARIABLE, (_whole, name: string) => {
    // `$context.path.` at the end of a sentence, or `$context.status.extra`: use the longest prefix that is known.
    let candidate = name;
    for (;;) {
      if (candidate in variables) {
        const value = variables[candidate];
        const rest = name.slice(candidate.length);
        return `${value === undefined || value === '' ? '-' : String(value)}${rest}`;
      }
      const dot = candidate.lastIndexOf('.');
      if (dot < 0) return '-';
      candidate = candidate.slice(0, dot);
    }
  });
}
