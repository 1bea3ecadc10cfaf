// @ts-check
/**
 * The Runtime API over HTTP, as RIC `src/RAPIDClient.js` speaks it: one keep-alive socket (`maxSockets: 1`).
 * The agent unreferences the idle socket, so a handler's empty event loop is still noticed (`beforeExit`).
 */
import http from 'node:http';

/** @type {Record<import('./runtime-api-client.mjs').PostOperation, (id: string) => string>} */
const paths = {
  response: (id) => `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`,
  error: (id) => `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/error`,
  'init-error': () => '/2018-06-01/runtime/init/error',
};

/** @implements {import('./runtime-api-client.mjs').RuntimeApiTransport} */
export class HttpTransport {
  /** @param {string} hostnamePort */
  constructor(hostnamePort) {
    const at = hostnamePort.lastIndexOf(':');
    this.hostname = hostnamePort.slice(0, at);
    this.port = Number.parseInt(hostnamePort.slice(at + 1), 10);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** @returns {Promise<import('./runtime-api-client.mjs').NextInvocation>} */
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
   * @param {import('./runtime-api-client.mjs').PostOperation} operation @param {string} id
   * @param {string | Buffer} body @param {Record<string, string>} headers @param {() => void} callback
   */
  post(operation, id, body, headers, callback) {
    const request = http.request(
      {
        hostname: this.hostname,
        port: this.port,
        path: paths[operation](id),
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
