// @ts-check
/**
 * Error documents as AWS's Node runtime interface client builds them (RIC `src/Errors.js`, lambda.md §5.11).
 */
import util from 'node:util';

/** @param {any} obj */
function isErrorLike(obj) {
  return (
    obj?.name &&
    obj.message &&
    obj.stack &&
    typeof obj.name === 'string' &&
    typeof obj.message === 'string' &&
    typeof obj.stack === 'string'
  );
}

/** @param {unknown} err */
export function intoError(err) {
  return err instanceof Error ? err : new Error(/** @type {any} */ (err));
}

/**
 * `{errorType, errorMessage, trace}`: `trace`, not `stackTrace`; non-Error values give `typeof` / `String()`.
 * @param {any} error
 */
export function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return {
        errorType: error.name?.replaceAll('\x7F', '%7F'),
        errorMessage: error.message?.replaceAll('\x7F', '%7F'),
        trace: error.stack.replaceAll('\x7F', '%7F').split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/**
 * The `\t{...}` part of `Invoke Error` / `Uncaught Exception` log lines, with enumerable extras such as `code`.
 * @param {any} error
 */
export function toFormatted(error) {
  try {
    return `\t${JSON.stringify(error, (_k, v) => withEnumerableProperties(v))}`;
  } catch {
    return `\t${JSON.stringify(toRapidResponse(error))}`;
  }
}

/** @param {any} error */
function withEnumerableProperties(error) {
  if (!(error instanceof Error)) return error;
  /** @type {any} */
  const ret = Object.assign({ errorType: error.name, errorMessage: error.message, code: /** @type {any} */ (error).code }, error);
  if (typeof error.stack === 'string') ret.stack = error.stack.split('\n');
  return ret;
}

export class ImportModuleError extends Error {}
export class HandlerNotFound extends Error {}
export class MalformedHandlerName extends Error {}
export class UserCodeSyntaxError extends Error {}
export class MalformedStreamingHandler extends Error {}
/** RIC commit 1ab9990 (July 2025): an async handler whose promise never settles (lambda.md §5.8). */
export class NodeJsExit extends Error {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}
export class UnhandledPromiseRejection extends Error {
  /** @param {any} reason @param {Promise<unknown>} promise */
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}

// RIC: errorType is `err.name`, and these classes name themselves `Runtime.<Class>`.
for (const errorClass of [
  ImportModuleError,
  HandlerNotFound,
  MalformedHandlerName,
  UserCodeSyntaxError,
  MalformedStreamingHandler,
  NodeJsExit,
  UnhandledPromiseRejection,
]) {
  errorClass.prototype.name = `Runtime.${errorClass.name}`;
}
