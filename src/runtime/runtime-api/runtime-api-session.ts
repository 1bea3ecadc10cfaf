import { EnvironmentState } from './environment-state.js';
import type { InvocationEvent, NextWaiter, RuntimeApiContext, RuntimeApiEvents } from './runtime-api-context.js';

/**
 * The Runtime API's state for one execution environment: the state machine, the waiting /next, the event
 * queued for it and the current invoke id. Every transport of that environment (the HTTP server, the Node
 * client's pipe) calls the same endpoint operations on this one session, so they cannot disagree.
 * RIE keeps the same things in `rapid` (`core.RuntimeState`, `InvokeRequest` handover).
 */
export class RuntimeApiSession implements RuntimeApiContext {
  readonly state = new EnvironmentState();
  #parked: NextWaiter | undefined;
  #queued: InvocationEvent | undefined;
  #currentInvokeId: string | undefined;

  constructor(readonly events: RuntimeApiEvents) {}

  get currentInvokeId(): string | undefined {
    return this.#currentInvokeId;
  }

  get hasParkedNext(): boolean {
    return this.#parked !== undefined;
  }

  parkNext(waiter: NextWaiter): void {
    this.#parked = waiter;
    this.#deliverIfPossible();
  }

  releaseNext(waiter: NextWaiter): void {
    if (this.#parked === waiter) this.#parked = undefined;
  }

  /** Hands the event to the runtime now if it waits in /next, else as soon as it asks. */
  enqueue(event: InvocationEvent): void {
    this.#queued = event;
    this.#deliverIfPossible();
  }

  #deliverIfPossible(): void {
    const waiter = this.#parked;
    const event = this.#queued;
    if (waiter === undefined || event === undefined) return;
    this.#parked = undefined;
    this.#queued = undefined;
    // AWS: the deadline is set when /next returns, so init never eats into the timeout (lambda.md §1.2).
    const deadlineMs = Date.now() + event.timeoutMs;
    this.#currentInvokeId = event.requestId;
    waiter.deliver(event, deadlineMs);
    this.events.onInvocationDelivered(event.requestId, deadlineMs);
  }
}
