// @ts-check
/**
 * The context object and completion functions (RIC `src/InvokeContext.js`, `src/CallbackContext.js`,
 * lambda.md §5.3–§5.6, §6).
 */
import { setCurrentRequestId, setCurrentTenantId, structuredConsole } from './log-patch.mjs';

const LISTENER_SYMBOL = Symbol.for('aws.lambda.beforeExit');
const NO_OP_LISTENER = () => {};
const g = /** @type {any} */ (globalThis);

/** RIC `src/BeforeExitListener.js`: what runs when the event loop is empty. */
export const beforeExitListener = {
  invoke: () => g[LISTENER_SYMBOL](),
  reset: () => {
    g[LISTENER_SYMBOL] = NO_OP_LISTENER;
  },
  /** @param {() => void} listener */
  set: (listener) => {
    g[LISTENER_SYMBOL] = listener;
  },
};

/**
 * One invoke's completion: what RIC `CallbackContext.js` keeps in closures (the request id, whether a result was
 * posted, callbackWaitsForEmptyEventLoop, whether a completion function has run) kept in one object that the
 * callback and the context's functions share. An invoke then allocates this object and the functions the handler
 * can see, not a closure for every helper (lambda.md §5.3–§5.6).
 */
export class InvokeCompletion {
  /**
   * @param {import('./runtime-api-client.mjs').RuntimeApiClient} client
   * @param {string} id
   * @param {() => void} scheduleNext
   */
  constructor(client, id, scheduleNext) {
    this.client = client;
    this.id = id;
    this.scheduleNext = scheduleNext;
    /** Only the first of callback / succeed / fail / done counts (lambda.md §5.6). */
    this.finished = false;
    /** A result was posted, or the empty event loop ended the invoke (RIC `isCompleteInvoked`). */
    this.completeInvoked = false;
    this.waitForEmptyEventLoop = true;
  }

  /** @param {unknown} err */
  postError(err) {
    structuredConsole.logError('Invoke Error', err);
    this.client.postInvocationError(err, this.id, this.scheduleNext);
  }

  /** @param {unknown} result */
  complete(result) {
    if (this.completeInvoked) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    this.completeInvoked = true;
    this.client.postInvocationResponse(result, this.id, this.scheduleNext);
  }
}

/** The handler's `callback` (lambda.md §5.3, §5.4). @param {InvokeCompletion} completion */
export function handlerCallback(completion) {
  return onlyFirst(completion, runCallback);
}

/** @param {InvokeCompletion} c @param {unknown[]} args */
function runCallback(c, args) {
  const err = args[0];
  const result = args[1];
  beforeExitListener.reset();
  if (err !== undefined && err !== null) c.postError(err);
  else if (!c.waitForEmptyEventLoop) c.complete(result);
  else beforeExitListener.set(() => setImmediate(() => c.complete(result)));
}

/** `context.done`, and what succeed and fail come down to. @param {InvokeCompletion} c @param {unknown} err @param {unknown} result */
function done(c, err, result) {
  beforeExitListener.reset();
  if (err !== undefined && err !== null) c.postError(err);
  else c.complete(result);
}

/** @param {InvokeCompletion} c @param {unknown[]} args */
function runDone(c, args) {
  done(c, args[0], args[1]);
}

/** @param {InvokeCompletion} c @param {unknown[]} args */
function runSucceed(c, args) {
  done(c, null, args[0]);
}

/** @param {InvokeCompletion} c @param {unknown[]} args */
function runFail(c, args) {
  const err = args[0];
  if (err === undefined || err === null) done(c, 'handled', undefined);
  else done(c, err, null);
}

/**
 * A completion function the handler sees. As RIC's `onlyAllowFirstCall` wrappers: anonymous, no declared
 * parameters (`length` 0), ignored once one of them has run; one that throws (a result that cannot be
 * serialised) has not run, so `.catch(context.fail)` still reports it.
 * @param {InvokeCompletion} c @param {(c: InvokeCompletion, args: unknown[]) => void} run
 * @returns {(...args: any[]) => void}
 */
function onlyFirst(c, run) {
  return (...args) => {
    if (c.finished) return;
    run(c, args);
    c.finished = true;
  };
}

/** @param {string | string[] | undefined} value @param {string} name */
function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(String(value));
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${String(err)}`);
  }
}

/**
 * The context object (lambda.md §6): RIC builds the callback context, then `Object.assign`s the environment and
 * header data onto it, so its own keys run: the callbackWaitsForEmptyEventLoop accessor, succeed, fail, done,
 * the environment data, then the header data; `JSON.stringify(context)` order follows from it. Built here as one
 * literal with the same keys, order and kinds: an object with an own accessor made of fresh closures is a
 * dictionary-mode object in V8, and growing one by two `Object.assign`s costs more than building it whole.
 * The environment is read at each invoke (a function may change it). Also sets the logging request id and
 * `_X_AMZN_TRACE_ID` for this invoke.
 * @param {import('node:http').IncomingHttpHeaders} headers @param {InvokeCompletion} completion
 */
export function attachInvokeContext(headers, completion) {
  const awsRequestId = /** @type {string} */ (headers['lambda-runtime-aws-request-id']);
  const tenantId = headers['lambda-runtime-aws-tenant-id'];
  setCurrentRequestId(awsRequestId);
  setCurrentTenantId(/** @type {string | undefined} */ (tenantId));
  const trace = headers['lambda-runtime-trace-id'];
  if (trace) process.env._X_AMZN_TRACE_ID = String(trace);
  else delete process.env._X_AMZN_TRACE_ID;
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  return {
    get callbackWaitsForEmptyEventLoop() {
      return completion.waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      completion.waitForEmptyEventLoop = value;
    },
    succeed: onlyFirst(completion, runSucceed),
    fail: onlyFirst(completion, runFail),
    done: onlyFirst(completion, runDone),
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
    identity: parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId,
    tenantId,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}
