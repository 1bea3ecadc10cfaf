/**
 * Authorizer result caching. REST: "API Gateway caches the policy ... keyed by the identity sources" for
 * authorizerResultTtlInSeconds (default 300, 0 turns it off; documented, apigateway-lambda-authorizer-flow and
 * API_Authorizer.html). The cached policy is evaluated again against each request's method ARN, which is why a
 * policy naming one resource denies other resources while cached (documented,
 * https://repost.aws/knowledge-center/api-gateway-lambda-authorization-errors). HTTP APIs cache the same way,
 * with a default TTL of 0 (documented, http-api-lambda-authorizer.html#http-api-lambda-authorizer.caching).
 * Entries are per deployment: a new deployment of a changed authorizer starts with an empty cache (inferred).
 */
export class AuthorizerCache<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number; storedAt: number }>();

  get(key: string, now = Date.now()): { value: Value; ageSeconds: number } | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return { value: entry.value, ageSeconds: Math.floor((now - entry.storedAt) / 1000) };
  }

  set(key: string, value: Value, ttlSeconds: number, now = Date.now()): void {
    if (ttlSeconds <= 0) return;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { value, expiresAt: now + ttlSeconds * 1000, storedAt: now });
  }
}

export function cacheKeyOf(parts: readonly string[]): string {
  return JSON.stringify(parts);
}
