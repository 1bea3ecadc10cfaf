import type { Exchange } from '../server/gateway.js';
import { type ExchangeSummary, recordExchange, type StoredExchange } from './exchange-record.js';

export interface ExchangeStoreOptions {
  /** How many exchanges to keep (oldest dropped first). */
  readonly capacity?: number;
  /** Roughly how many bytes of bodies, events and results to keep in all (oldest dropped first). */
  readonly byteBudget?: number;
}

/**
 * The inspector's memory: a bounded ring of recorded exchanges, newest last, and the browsers listening for new ones.
 * Bounded by count and by bytes, so a long session or a load test cannot grow gatehouse without limit.
 */
export class ExchangeStore {
  readonly capacity: number;
  readonly byteBudget: number;
  #items: (StoredExchange | undefined)[] = [];
  #start = 0;
  #bytes = 0;
  #nextId = 1;
  readonly #listeners = new Set<(summary: ExchangeSummary) => void>();

  constructor(options: ExchangeStoreOptions = {}) {
    this.capacity = options.capacity ?? 2000;
    this.byteBudget = options.byteBudget ?? 64 * 1024 * 1024;
  }

  record(exchange: Exchange, replayOf?: number): ExchangeSummary {
    const stored = recordExchange(exchange, this.#nextId++, replayOf);
    this.#items.push(stored);
    this.#bytes += stored.bytes;
    while (this.size > 1 && (this.size > this.capacity || this.#bytes > this.byteBudget)) this.#dropOldest();
    if (this.#start > 1024 && this.#start * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#start);
      this.#start = 0;
    }
    for (const listener of this.#listeners) listener(stored.summary);
    return stored.summary;
  }

  get size(): number {
    return this.#items.length - this.#start;
  }

  get(id: number): StoredExchange | undefined {
    const first = this.#items[this.#start];
    if (first === undefined) return undefined;
    const found = this.#items[this.#start + (id - first.summary.id)];
    return found?.summary.id === id ? found : undefined;
  }

  /** Oldest first. */
  summaries(): ExchangeSummary[] {
    return this.#items.slice(this.#start).flatMap((s) => (s ? [s.summary] : []));
  }

  /** Calls `listener` for every exchange recorded from now on; returns the unsubscribe function. */
  subscribe(listener: (summary: ExchangeSummary) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #dropOldest(): void {
    const oldest = this.#items[this.#start];
    if (oldest === undefined) return;
    this.#bytes -= oldest.bytes;
    this.#items[this.#start] = undefined;
    this.#start++;
  }
}
