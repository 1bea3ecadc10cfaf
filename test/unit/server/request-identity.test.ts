import { describe, expect, it } from 'vitest';
import { createRequestIdentity } from '../../../src/server/request-identity.js';

const request = (headers: [string, string][] = []) => ({
  method: 'GET',
  target: '/dev/items',
  headers,
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  localPort: 3000,
});

describe('the ids API Gateway gives a request', () => {
  // AWS: requestContext.requestId is a UUID (set-up-lambda-proxy-integrations.html, input format examples);
  // gatehouse makes random (version 4) UUIDs, as crypto.randomUUID does.
  it('gives every request a different version 4 UUID', () => {
    // Prepare
    const seen = new Set<string>();
    // Act
    for (let i = 0; i < 2000; i++) seen.add(createRequestIdentity(request(), '123456789012').requestId);
    // Assess
    expect(seen.size).toBe(2000);
    for (const id of seen) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  // Captured (docs/research/aws-recorded-responses.md §8): 15 of [A-Za-z0-9_-] and `=`, like `UE1rfGuaIE0FW-w=`.
  it('makes extended request ids and X-Ray roots of the recorded shapes', () => {
    // Act
    const identity = createRequestIdentity(request(), '123456789012', Date.UTC(2024, 0, 2, 3, 4, 5));
    // Assess
    expect(identity.extendedRequestId).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(identity.traceId).toMatch(/^Root=1-65937d25-[0-9a-f]{24}$/);
    expect(identity.accountId).toBe('123456789012');
  });

  it("keeps the client's X-Ray root", () => {
    // Prepare
    const root = 'Root=1-5e1b4151-5ac6c58f5b5dbd6a6e6e7a1b';
    // Act
    const identity = createRequestIdentity(request([['X-Amzn-Trace-Id', root]]), '123456789012');
    // Assess
    expect(identity.traceId).toBe(root);
  });
});
