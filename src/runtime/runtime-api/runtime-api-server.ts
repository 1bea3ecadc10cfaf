import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentState } from './environment-state.js';
import { invocationHeaders } from './invocation-next.js';
import { routeRuntimeApiRequest } from './routes.js';
import type { InvocationEvent, RuntimeApiContext, RuntimeApiEvents } from './runtime-api-context.js';

/**
 * One Runtime API endpoint for one execution environment, bound to 127.0.0.1 on an ephemeral port.
 * Its `address` is what AWS_LAMBDA_RUNTIME_API holds (`host:port`, lambda.md §2).
 */
export class RuntimeApiServer implements RuntimeApiContext {
  readonly state = new EnvironmentState();
  #server: Server;
  #address = '';
  #parked: ServerResponse | undefined;
  #queued: InvocationEvent | undefined;
  #currentInvokeId: string | undefined;

  private constructor(readonly events: RuntimeApiEvents) {
    this.#server = createServer((req, res) => {
      const handled = routeRuntimeApiRequest(this, req, res);
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

  get currentInvokeId(): string | undefined {
    return this.#currentInvokeId;
  }

  get hasParkedNext(): boolean {
    return this.#parked !== undefined;
  }

  parkNext(res: ServerResponse): void {
    this.#parked = res;
    res.once('close', () => {
      if (this.#parked === res) this.#parked = undefined;
    });
    this.#deliverIfPossible();
  }

  /** Hands the event to the runtime now if it waits in /next, else as soon as it asks. */
  enqueue(event: InvocationEvent): void {
    this.#queued = event;
    this.#deliverIfPossible();
  }

  async close(): Promise<void> {
    this.#parked?.destroy();
    this.#parked = undefined;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #deliverIfPossible(): void {
    const res = this.#parked;
    const event = this.#queued;
    if (res === undefined || event === undefined) return;
    this.#parked = undefined;
    this.#queued = undefined;
    // AWS: the deadline is set when /next returns, so init never eats into the timeout (lambda.md §1.2).
    const deadlineMs = Date.now() + event.timeoutMs;
    this.#currentInvokeId = event.requestId;
    res.writeHead(200, invocationHeaders({ ...event, payloadBytes: event.payload.length, deadlineMs }));
    res.end(event.payload);
    this.events.onInvocationDelivered(event.requestId, deadlineMs);
  }
}
