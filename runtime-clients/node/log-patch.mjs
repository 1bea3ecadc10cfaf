// @ts-check
/**
 * console.* as AWS's Node runtime prints it (RIC `src/LogPatch.js`, lambda.md §7.2–§7.5):
 * `<ISO>\t<requestId>\t<LEVEL>\t<util.format(...)>`, newlines turned into `\r` (no telemetry FD locally).
 */
import util from 'node:util';
import { intoError, toFormatted } from './errors.mjs';

const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID = Symbol.for('aws.lambda.runtime.tenantId');
const g = /** @type {any} */ (globalThis);

/** @param {string | undefined} id */
export function setCurrentRequestId(id) {
  g[REQUEST_ID] = id;
}

/** @param {string | undefined} id */
export function setCurrentTenantId(id) {
  g[TENANT_ID] = id;
}

const levels = Object.freeze({
  TRACE: { name: 'TRACE', priority: 1 },
  DEBUG: { name: 'DEBUG', priority: 2 },
  INFO: { name: 'INFO', priority: 3 },
  WARN: { name: 'WARN', priority: 4 },
  ERROR: { name: 'ERROR', priority: 5 },
  FATAL: { name: 'FATAL', priority: 6 },
});

/** @typedef {{ name: string, priority: number }} Level */

/** @param {Level} level @param {unknown} message @param {unknown[]} params */
function logTextToStdout(level, message, ...params) {
  const line = `${new Date().toISOString()}\t${g[REQUEST_ID]}\t${level.name}\t${util.format(message, ...params)}`;
  process.stdout.write(`${line.replace(/\n/g, '\r')}\n`);
}

/** @param {unknown} _key @param {unknown} value */
function jsonErrorReplacer(_key, value) {
  if (value instanceof Error) {
    return Object.assign(
      {
        errorType: value?.constructor?.name ?? 'UnknownError',
        errorMessage: value.message,
        stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
      },
      value,
    );
  }
  return value;
}

/** @param {Level} level @param {unknown[]} messageParams */
function logJsonToStdout(level, ...messageParams) {
  /** @type {Record<string, unknown>} */
  const result = { timestamp: new Date().toISOString(), level: level.name, requestId: g[REQUEST_ID] };
  if (g[TENANT_ID] != null) result.tenantId = g[TENANT_ID];
  let line;
  if (messageParams.length === 1) {
    result.message = messageParams[0];
    try {
      line = JSON.stringify(result, jsonErrorReplacer);
    } catch {
      result.message = util.format(result.message);
      line = JSON.stringify(result);
    }
  } else {
    result.message = util.format(...messageParams);
    for (const param of messageParams) {
      if (param instanceof Error) {
        result.errorType = param?.constructor?.name ?? 'UnknownError';
        result.errorMessage = param.message;
        result.stackTrace = typeof param.stack === 'string' ? param.stack.split('\n') : [];
        break;
      }
    }
    line = JSON.stringify(result);
  }
  process.stdout.write(`${line.replace(/\n/g, '\r')}\n`);
}

/** `logError(label, err)`: the `Invoke Error`, `Uncaught Exception` ... lines. */
export const structuredConsole = {
  /** @param {string} _label @param {unknown} _err */
  logError(_label, _err) {},
};

export function patchConsole() {
  const json = process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';
  const log = json ? logJsonToStdout : logTextToStdout;
  const configured = /** @type {Record<string, Level>} */ (levels)[process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() ?? ''];
  const minimum = (configured ?? levels.TRACE).priority;
  const c = /** @type {any} */ (console);
  const noop = () => {};
  /** @param {Level} level */
  const at = (level) =>
    level.priority >= minimum
      ? (/** @type {unknown} */ msg, /** @type {unknown[]} */ ...params) => log(level, msg, ...params)
      : noop;
  c.trace = at(levels.TRACE);
  c.debug = at(levels.DEBUG);
  c.info = at(levels.INFO);
  c.log = c.info;
  c.warn = at(levels.WARN);
  c.error = at(levels.ERROR);
  c.fatal = (/** @type {unknown} */ msg, /** @type {unknown[]} */ ...params) => log(levels.FATAL, msg, ...params);
  structuredConsole.logError = json
    ? (_label, err) => console.error(intoError(err))
    : (label, err) => console.error(label, toFormatted(intoError(err)));
}
