/**
 * The token bucket API Gateway throttles with: a bucket of `burstLimit` tokens, refilled at `rateLimit` tokens per
 * second; a request takes one token or is throttled.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly rateLimit: number,
    readonly burstLimit: number,
    now: number,
  ) {
    this.#tokens = burstLimit;
    this.#updatedAt = now;
  }

  /** Takes a token; false when none is left. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.burstLimit, this.#tokens + elapsed * this.rateLimit);
    this.#updatedAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Whole tokens left (for status output). */
  available(now: number): number {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    return Math.floor(Math.min(this.burstLimit, this.#tokens + elapsed * this.rateLimit));
  }
}

/** Buckets keyed by name, each replaced when its limits change (a stage setting applies at once). */
export class BucketTable {
  readonly #buckets = new Map<string, TokenBucket>();

  take(key: string, rateLimit: number, burstLimit: number, now: number): boolean {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined || bucket.rateLimit !== rateLimit || bucket.burstLimit !== burstLimit) {
      bucket = new TokenBucket(rateLimit, burstLimit, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(now);
  }
}
