import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeRuntimeApiRequest } from './routes.js';
import type { InvocationEvent, RuntimeApiEvents } from './runtime-api-context.js';
import { RuntimeApiSession } from './runtime-api-session.js';

/**
 * One Runtime API endpoint for one execution environment, bound to 127.0.0.1 on an ephemeral port.
 * Its `address` is what AWS_LAMBDA_RUNTIME_API holds (`host:port`, lambda.md §2). Other transports of the
 * same environment (`runtime-api-pipe.ts`) attach to its `session`.
 */
export class RuntimeApiServer {
  readonly session: RuntimeApiSession;
  #server: Server;
  #address = '';

  private constructor(events: RuntimeApiEvents) {
    const session = new RuntimeApiSession(events);
    this.session = session;
    this.#server = createServer((req, res) => {
      const handled = routeRuntimeApiRequest(session, req, res);
      if (handled instanceof Promise) handled.catch(() => res.destroy());
    });
    // /next blocks for as long as the environment is idle: no request or keep-alive timeouts.
    this.#server.requestTimeout = 0;
    this.#server.headersTimeout = 0;
    this.#server.keepAliveTimeout = 0;
    this.#server.timeout = 0;
  }

  static async start(events: RuntimeApiEvents): Promise<RuntimeApiServer> {
    const api = new RuntimeApiServer(events);
    await new Promise<void>((resolve, reject) => {
      api.#server.once('error', reject);
      api.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const { address, port } = api.#server.address() as AddressInfo;
    api.#address = `${address}:${port}`;
    return api;
  }

  /** `host:port`, the value of AWS_LAMBDA_RUNTIME_API. */
  get address(): string {
    return this.#address;
  }

  /** Hands the event to the runtime now if it waits in /next (on any transport), else as soon as it asks. */
  enqueue(event: InvocationEvent): void {
    this.session.enqueue(event);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
