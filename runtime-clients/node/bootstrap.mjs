// @ts-check
/**
 * gatehouse's Node.js runtime: what AWS's managed nodejs*.x runtimes run (the runtime interface client,
 * github.com/aws/aws-lambda-nodejs-runtime-interface-client, `src/index.mjs` + `src/Runtime.js`),
 * speaking HTTP to AWS_LAMBDA_RUNTIME_API, or the same operations over gatehouse's pipe when it provides one
 * (runtime-api-client.mjs). Behaviour and sources: lambda.md §4–§7.
 * Plain JavaScript, no build step; runs on Node 18, 20 and 22.
 */
import { Writable } from 'node:stream';
import { NodeJsExit, UnhandledPromiseRejection } from './errors.mjs';
import { attachInvokeContext, beforeExitListener, handlerCallback, InvokeCompletion } from './invocation-context.mjs';
import { patchConsole, setCurrentRequestId, structuredConsole } from './log-patch.mjs';
import { createRuntimeApiClient } from './runtime-api-client.mjs';
import { awaitAssignmentIfSpare } from './spare-assignment.mjs';
import { getHandlerMetadata, loadHandler } from './user-function.mjs';

const client = await createRuntimeApiClient(process.env);
// A spare environment waits here for its function; nothing before this line may read the function's settings.
await awaitAssignmentIfSpare(client);
patchConsole();

/** Before the first invoke, failures are init errors; during an invoke, invocation errors (RIC `_setErrorCallbacks`). */
const errorCallbacks = {
  uncaughtException: (/** @type {unknown} */ error) => client.postInitError(error, () => process.exit(129)),
  unhandledRejection: (/** @type {unknown} */ error) => client.postInitError(error, () => process.exit(128)),
};

process.on('uncaughtException', (error) => {
  structuredConsole.logError('Uncaught Exception', error);
  errorCallbacks.uncaughtException(error);
});
process.on('unhandledRejection', (reason, promise) => {
  const error = new UnhandledPromiseRejection(reason, promise);
  structuredConsole.logError('Unhandled Promise Rejection', error);
  errorCallbacks.unhandledRejection(error);
});
beforeExitListener.reset();
process.on('beforeExit', beforeExitListener.invoke);

/** @type {Function} */
let handler;
/** @type {ReturnType<typeof getHandlerMetadata>} */
let metadata;
try {
  handler = await loadHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env._HANDLER ?? '');
  metadata = getHandlerMetadata(handler);
  warnOnCallbackHandler(metadata);
  scheduleIteration();
} catch (error) {
  // lambda.md §4.7: the init error goes through the uncaughtException path: log, POST /init/error, exit 129.
  structuredConsole.logError('Uncaught Exception', error);
  errorCallbacks.uncaughtException(error);
}

/** RIC `src/WarningForCallbackHandlers.js` (lambda.md §5.10). @param {ReturnType<typeof getHandlerMetadata>} meta */
function warnOnCallbackHandler(meta) {
  if (
    process.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined &&
    meta.argsNum === 3 &&
    !meta.isAsync &&
    !meta.streaming
  ) {
    console.warn(
      'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.',
    );
  }
}

/**
 * The next invoke starts in an immediate, as RIC `scheduleIteration`: after what the function queued with
 * setImmediate. What runs per invoke is module functions, not closures made anew for each invoke.
 */
function scheduleIteration() {
  setImmediate(runIteration);
}

function runIteration() {
  const once = metadata.streaming ? handleOnceStreaming : handleOnce;
  once().then(ignore, onTopLevelError);
}

function ignore() {}

/** @param {unknown} err */
function onTopLevelError(err) {
  console.log(`Unexpected Top Level Error: ${String(err)}`);
  errorCallbacks.uncaughtException(err);
}

/** @param {any} obj */
function isPromise(obj) {
  return typeof obj?.then === 'function';
}

/** The invoke that uncaught exceptions and unhandled rejections are posted for: the latest one. */
let errorInvokeId = '';
// lambda.md §5.12: post the error, then exit 129 (uncaught) or 128 (unhandled rejection).
const invocationErrorCallbacks = {
  uncaughtException: (/** @type {unknown} */ error) => client.postInvocationError(error, errorInvokeId, () => process.exit(129)),
  unhandledRejection: (/** @type {unknown} */ error) => client.postInvocationError(error, errorInvokeId, () => process.exit(128)),
};

/** @param {string} invokeId */
function setErrorCallbacks(invokeId) {
  errorInvokeId = invokeId;
  errorCallbacks.uncaughtException = invocationErrorCallbacks.uncaughtException;
  errorCallbacks.unhandledRejection = invocationErrorCallbacks.unhandledRejection;
}

/** The invoke the default exit listener answers for: the latest one, which set it. @type {InvokeCompletion | undefined} */
let exitCompletion;

/**
 * When the loop empties before any completion: `null` for other handlers (§5.7), Runtime.NodeJsExit for an
 * async one whose promise never settled (§5.8, current RIC code).
 * @param {InvokeCompletion} completion
 */
function setDefaultExitListener(completion) {
  exitCompletion = completion;
  beforeExitListener.set(onEmptyEventLoop);
}

function onEmptyEventLoop() {
  const completion = /** @type {InvokeCompletion} */ (exitCompletion);
  completion.completeInvoked = true;
  if (metadata.isAsync) {
    const error = new NodeJsExit();
    structuredConsole.logError('Invoke Error', error);
    client.postInvocationError(error, completion.id, scheduleIteration);
  } else {
    client.postInvocationResponse(null, completion.id, scheduleIteration);
  }
}

async function handleOnce() {
  const { body, headers } = await client.nextInvocation();
  const invokeId = /** @type {string} */ (headers['lambda-runtime-aws-request-id']);
  setCurrentRequestId(invokeId);
  const completion = new InvokeCompletion(client, invokeId, scheduleIteration);
  const callback = handlerCallback(completion);
  try {
    setErrorCallbacks(invokeId);
    setDefaultExitListener(completion);
    const event = JSON.parse(body.toString('utf8'));
    const context = attachInvokeContext(headers, completion);
    const result = handler(event, context, callback);
    // As the RIC: `context.succeed` / `context.fail` are read once the handler has returned.
    if (isPromise(result)) {
      result.then(context.succeed, context.fail).catch(context.fail);
    }
  } catch (err) {
    callback(err);
  }
}

/**
 * `awslambda.streamifyResponse` handlers: gatehouse buffers the stream and answers as a buffered Invoke.
 * Divergence: AWS streams the bytes (Lambda-Runtime-Function-Response-Mode: streaming, lambda.md §2.2).
 */
async function handleOnceStreaming() {
  const { body, headers } = await client.nextInvocation();
  const invokeId = /** @type {string} */ (headers['lambda-runtime-aws-request-id']);
  setCurrentRequestId(invokeId);
  const completion = new InvokeCompletion(client, invokeId, scheduleIteration);
  /** @type {Buffer[]} */
  const chunks = [];
  const responseStream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    }),
    { setContentType: () => {} },
  );
  setErrorCallbacks(invokeId);
  beforeExitListener.set(scheduleIteration);
  try {
    const result = handler(JSON.parse(body.toString('utf8')), responseStream, attachInvokeContext(headers, completion));
    if (!isPromise(result)) throw new Error('Streaming does not support non-async handlers.');
    await result;
    if (!responseStream.writableFinished) await new Promise((resolve) => responseStream.end(resolve));
    beforeExitListener.reset();
    client.postStreamedResponse(Buffer.concat(chunks), invokeId, scheduleIteration);
  } catch (err) {
    beforeExitListener.reset();
    structuredConsole.logError('Invoke Error', err);
    client.postInvocationError(err, invokeId, scheduleIteration);
  }
}
