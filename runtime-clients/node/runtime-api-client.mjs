// @ts-check
/**
 * HTTP client for the Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html),
 * shaped like RIC `src/RAPIDClient.js`. One keep-alive socket, as the RIC's agent (`maxSockets: 1`).
 */
import http from 'node:http';
import { toRapidResponse } from './errors.mjs';

const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';

/** RIC `_trySerializeResponse`: `undefined` → `null`; a failure is `Unable to stringify response body`. */
function trySerializeResponse(/** @type {unknown} */ body) {
  try {
    return JSON.stringify(body === undefined ? null : body);
  } catch {
    throw new Error('Unable to stringify response body');
  }
}

export class RuntimeApiClient {
  /** @param {string} hostnamePort */
  constructor(hostnamePort) {
    const at = hostnamePort.lastIndexOf(':');
    this.hostname = hostnamePort.slice(0, at);
    this.port = Number.parseInt(hostnamePort.slice(at + 1), 10);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** GET /next; no timeout (it blocks until there is an event). @returns {Promise<{ body: Buffer, headers: http.IncomingHttpHeaders }>} */
  nextInvocation() {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          hostname: this.hostname,
          port: this.port,
          path: '/2018-06-01/runtime/invocation/next',
          method: 'GET',
          agent: this.agent,
        },
        (response) => {
          /** @type {Buffer[]} */
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            resolve({
              body: chunks.length === 1 ? /** @type {Buffer} */ (chunks[0]) : Buffer.concat(chunks),
              headers: response.headers,
            });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  /**
   * Throws synchronously when the result cannot be serialised, as the RIC does.
   * @param {unknown} response @param {string} id @param {() => void} callback
   */
  postInvocationResponse(response, id, callback) {
    const body = trySerializeResponse(response);
    this.#post(`/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`, body, {}, callback);
  }

  /** A streamed response, buffered (gatehouse answers streaming handlers as a buffered Invoke). @param {Buffer} body @param {string} id @param {() => void} callback */
  postStreamedResponse(body, id, callback) {
    this.#post(`/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`, body, {}, callback);
  }

  /**
   * The RIC posts invocation errors without Lambda-Runtime-Function-Error-Type (lambda.md §2.3).
   * @param {unknown} error @param {string} id @param {() => void} callback
   */
  postInvocationError(error, id, callback) {
    const body = trySerializeResponse(toRapidResponse(error));
    this.#post(`/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/error`, body, {}, callback);
  }

  /** @param {unknown} error @param {() => void} callback */
  postInitError(error, callback) {
    const response = toRapidResponse(error);
    this.#post(
      '/2018-06-01/runtime/init/error',
      trySerializeResponse(response),
      { [ERROR_TYPE_HEADER]: response.errorType ?? '' },
      callback,
    );
  }

  /** @param {string} path @param {string | Buffer} body @param {Record<string, string>} headers @param {() => void} callback */
  #post(path, body, headers, callback) {
    const request = http.request(
      {
        hostname: this.hostname,
        port: this.port,
        path,
        method: 'POST',
        agent: this.agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers },
      },
      (response) => {
        response.on('end', callback);
        response.resume();
      },
    );
    // The platform went away: nothing left to report to.
    request.on('error', () => process.exit(1));
    request.end(body);
  }
}
