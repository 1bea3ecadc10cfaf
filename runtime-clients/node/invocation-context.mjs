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
 * @param {import('./runtime-api-client.mjs').RuntimeApiClient} client
 * @param {string} id
 * @param {() => void} scheduleNext
 * @returns {[(err?: unknown, result?: unknown) => void, any, () => void]}
 */
export function buildCallbackContext(client, id, scheduleNext) {
  /** @param {unknown} err @param {() => void} callback */
  const postError = (err, callback) => {
    structuredConsole.logError('Invoke Error', err);
    client.postInvocationError(err, id, callback);
  };
  let isCompleteInvoked = false;
  /** @param {unknown} result @param {() => void} callback */
  const complete = (result, callback) => {
    if (isCompleteInvoked) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    isCompleteInvoked = true;
    client.postInvocationResponse(result, id, callback);
  };
  let waitForEmptyEventLoop = true;
  /** @param {unknown} err @param {unknown} result */
  const callback = (err, result) => {
    beforeExitListener.reset();
    if (err !== undefined && err !== null) postError(err, scheduleNext);
    else if (!waitForEmptyEventLoop) complete(result, scheduleNext);
    else beforeExitListener.set(() => setImmediate(() => complete(result, scheduleNext)));
  };
  /** @param {unknown} err @param {unknown} [result] */
  const done = (err, result) => {
    beforeExitListener.reset();
    if (err !== undefined && err !== null) postError(err, scheduleNext);
    else complete(result, scheduleNext);
  };
  const callbackContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    succeed: (/** @type {unknown} */ result) => done(null, result),
    fail: (/** @type {unknown} */ err) => (err === undefined || err === null ? done('handled') : done(err, null)),
    done,
  };
  // Only the first of callback / succeed / fail / done counts (lambda.md §5.6).
  let finished = false;
  /** @template {(...args: any[]) => void} F @param {F} fn @returns {F} */
  const onlyFirst = (fn) =>
    /** @type {F} */ (
      (/** @type {any[]} */ ...args) => {
        if (finished) return;
        fn(...args);
        finished = true;
      }
    );
  callbackContext.succeed = onlyFirst(callbackContext.succeed);
  callbackContext.fail = onlyFirst(callbackContext.fail);
  callbackContext.done = onlyFirst(callbackContext.done);
  return [
    onlyFirst(callback),
    callbackContext,
    () => {
      isCompleteInvoked = true;
    },
  ];
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
 * Adds the environment and header data; `JSON.stringify(context)` key order follows from it (lambda.md §6).
 * Also sets the logging request id and `_X_AMZN_TRACE_ID` for this invoke.
 * @param {import('node:http').IncomingHttpHeaders} headers @param {any} callbackContext
 */
export function attachInvokeContext(headers, callbackContext) {
  const awsRequestId = /** @type {string} */ (headers['lambda-runtime-aws-request-id']);
  const tenantId = headers['lambda-runtime-aws-tenant-id'];
  setCurrentRequestId(awsRequestId);
  setCurrentTenantId(/** @type {string | undefined} */ (tenantId));
  const trace = headers['lambda-runtime-trace-id'];
  if (trace) process.env._X_AMZN_TRACE_ID = String(trace);
  else delete process.env._X_AMZN_TRACE_ID;
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  return Object.assign(
    callbackContext,
    {
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    },
    {
      clientContext: parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
      identity: parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
      invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
      awsRequestId,
      tenantId,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    },
  );
}
