/**
 * A stage's API cache: entries keyed by resource, method and the values of the cache key parameters, each kept
 * for the TTL it was stored with. It belongs to the stage, not to a deployment: a new deployment does not empty
 * it (only a flush, the TTL, a per-key invalidation or turning the cache cluster off and on do).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */

import type { NoticeCode } from '../failures/catalogue.js';
import type { SourceRef } from '../model/source-ref.js';

/** API Gateway caches responses up to 1048576 bytes (documented). */
export const MAX_CACHED_RESPONSE_BYTES = 1_048_576;

export interface CachedNotice {
  readonly code: NoticeCode;
  readonly detail: string;
  readonly source?: SourceRef;
}

export interface CacheEntry {
  readonly key: string;
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly storedAt: number;
  readonly ttlSeconds: number;
  /** The deployment that produced the answer (`deployment 3`), to say when the stage has moved on since. */
  readonly deploymentId: string;
  readonly deploymentNumber: number;
  /** `GET /logo.png` as the client sent it when the entry was stored. */
  readonly storedFor: string;
  /** The notices the original answer carried (base64 text instead of bytes, ...), replayed on every hit. */
  readonly notices: readonly CachedNotice[];
}

export class StageCache {
  readonly #entries = new Map<string, CacheEntry>();

  get(key: string, now: number): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (now >= entry.storedAt + entry.ttlSeconds * 1000) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(entry: CacheEntry): void {
    this.#entries.set(entry.key, entry);
  }

  invalidate(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** "Flush entire cache": returns how many live entries were dropped. */
  flush(now: number): number {
    const live = this.entries(now).length;
    this.#entries.clear();
    return live;
  }

  entries(now: number): CacheEntry[] {
    return [...this.#entries.values()].filter((e) => now < e.storedAt + e.ttlSeconds * 1000);
  }
}
