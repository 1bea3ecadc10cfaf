// @ts-check
/**
 * Client for the Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html),
 * shaped like RIC `src/RAPIDClient.js`: what is posted is decided here, how it travels by a transport.
 * Over HTTP to AWS_LAMBDA_RUNTIME_API (any Runtime API: AWS, RIE, gatehouse), or, when gatehouse hands the
 * runtime a pipe (`_GATEHOUSE_RUNTIME_API_FD`), over that pipe: the same operations without two loopback
 * HTTP exchanges per invoke (docs/decisions/0001-execution-environments.md).
 */
import { fstatSync } from 'node:fs';
import { toRapidResponse } from './errors.mjs';
import { PipeTransport } from './pipe-transport.mjs';

const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const PIPE_FD_VARIABLE = '_GATEHOUSE_RUNTIME_API_FD';
/** Set (to `1`) when gatehouse runs this runtime in a worker thread and hands it a MessagePort (decision 0004). */
const PORT_VARIABLE = '_GATEHOUSE_RUNTIME_API_PORT';

/**
 * @typedef {{ body: Buffer | string, headers: Record<string, string | string[] | undefined> }} NextInvocation
 * @typedef {'response' | 'error' | 'init-error'} PostOperation
 * @typedef {{
 *   nextInvocation(): Promise<NextInvocation>,
 *   post(operation: PostOperation, id: string, body: string | Buffer, headers: Record<string, string>, callback: () => void): void,
 * }} RuntimeApiTransport
 */

/**
 * Picks the transport and removes the pipe variable from the environment before user code can see it (as the
 * RIC does with `_LAMBDA_TELEMETRY_LOG_FD`). node:http is only loaded when HTTP is used (~2 ms and ~3 MB).
 * @param {NodeJS.ProcessEnv} env @returns {Promise<RuntimeApiClient>}
 */
export async function createRuntimeApiClient(env) {
  const fd = Number.parseInt(env[PIPE_FD_VARIABLE] ?? '', 10);
  const onPort = env[PORT_VARIABLE] === '1';
  delete env[PIPE_FD_VARIABLE];
  delete env[PORT_VARIABLE];
  if (onPort) {
    const [{ PortTransport }, { takeRuntimeApiPort, presentAsLambdaProcess }] = await Promise.all([
      import('./port-transport.mjs'),
      import('./thread-environment.mjs'),
    ]);
    const transport = new PortTransport(takeRuntimeApiPort());
    // Before anything of the function runs (a spare's assignment moves the task root with process.chdir).
    presentAsLambdaProcess(env.LAMBDA_TASK_ROOT ?? process.cwd(), transport);
    return new RuntimeApiClient(transport);
  }
  if (isSocket(fd)) return new RuntimeApiClient(new PipeTransport(fd));
  const { HttpTransport } = await import('./http-transport.mjs');
  return new RuntimeApiClient(new HttpTransport(env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001'));
}

/** The pipe is only used when the variable names an open socket; anything else falls back to HTTP. @param {number} fd */
function isSocket(fd) {
  if (!Number.isInteger(fd) || fd <= 2) return false;
  try {
    return fstatSync(fd).isSocket();
  } catch {
    return false;
  }
}

/** RIC `_trySerializeResponse`: `undefined` → `null`; a failure is `Unable to stringify response body`. */
function trySerializeResponse(/** @type {unknown} */ body) {
  try {
    return JSON.stringify(body === undefined ? null : body);
  } catch {
    throw new Error('Unable to stringify response body');
  }
}

export class RuntimeApiClient {
  /** @param {RuntimeApiTransport} transport */
  constructor(transport) {
    this.transport = transport;
  }

  /**
   * A spare environment waits here for its function (gatehouse's pipe or port only, spare-assignment.mjs).
   * @returns {Promise<{ env: Record<string, string>, cwd: string }>}
   */
  awaitAssignment() {
    const transport =
      /** @type {RuntimeApiTransport & { awaitAssignment?: () => Promise<{ env: Record<string, string>, cwd: string }> }} */ (
        this.transport
      );
    if (transport.awaitAssignment === undefined) {
      return Promise.reject(new Error("Only a runtime on gatehouse's pipe or port can be a spare environment"));
    }
    return transport.awaitAssignment();
  }

  /** GET /next; no timeout (it blocks until there is an event). @returns {Promise<NextInvocation>} */
  nextInvocation() {
    return this.transport.nextInvocation();
  }

  /**
   * Throws synchronously when the result cannot be serialised, as the RIC does.
   * @param {unknown} response @param {string} id @param {() => void} callback
   */
  postInvocationResponse(response, id, callback) {
    this.transport.post('response', id, trySerializeResponse(response), {}, callback);
  }

  /** A streamed response, buffered (gatehouse answers streaming handlers as a buffered Invoke). @param {Buffer} body @param {string} id @param {() => void} callback */
  postStreamedResponse(body, id, callback) {
    this.transport.post('response', id, body, {}, callback);
  }

  /**
   * The RIC posts invocation errors without Lambda-Runtime-Function-Error-Type (lambda.md §2.3).
   * @param {unknown} error @param {string} id @param {() => void} callback
   */
  postInvocationError(error, id, callback) {
    this.transport.post('error', id, trySerializeResponse(toRapidResponse(error)), {}, callback);
  }

  /** @param {unknown} error @param {() => void} callback */
  postInitError(error, callback) {
    const response = toRapidResponse(error);
    this.transport.post(
      'init-error',
      '',
      trySerializeResponse(response),
      { [ERROR_TYPE_HEADER]: response.errorType ?? '' },
      callback,
    );
  }
}
