import { describe, expect, it } from 'vitest';
import { describeRestApiChanges } from '../../../src/deploy/describe-changes.js';
import { TokenBucket } from '../../../src/deploy/token-bucket.js';
import { quotaPeriod } from '../../../src/deploy/usage-meter.js';
import type { RestApi } from '../../../src/model/rest-api.js';

describe('TokenBucket', () => {
  // api-gateway-request-throttling.html: burst = bucket size, rate = tokens added per second.
  it('grants the burst, then refills at the rate', () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.available(10_000)).toBe(3);
  });

  it('refuses everything with a burst of 0', () => {
    expect(new TokenBucket(100, 0, 0).take(5_000)).toBe(false);
  });
});

describe('quotaPeriod', () => {
  const at = Date.parse('2024-05-15T10:00:00Z');
  it('names the UTC day, week (from Sunday) and month, shifted by Offset days', () => {
    expect(quotaPeriod({ limit: 1, period: 'DAY', offset: 0 }, at)).toBe('DAY:2024-05-15');
    expect(quotaPeriod({ limit: 1, period: 'WEEK', offset: 0 }, at)).toBe('WEEK:2024-05-12');
    expect(quotaPeriod({ limit: 1, period: 'MONTH', offset: 0 }, at)).toBe('MONTH:2024-05');
    expect(quotaPeriod({ limit: 1, period: 'MONTH', offset: 15 }, at)).toBe('MONTH:2024-04');
  });
});

describe('describeRestApiChanges', () => {
  const src = { file: 't.yaml', line: 1, column: 1, keyPath: 'x' };
  const method = (fn: string, line = 1) => ({
    httpMethod: 'GET' as const,
    integration: { type: 'AWS_PROXY' as const, functionLogicalId: fn, timeoutInMillis: 29000, source: { ...src, line } },
    source: { ...src, line },
  });
  const api = (paths: Record<string, string>, binary: string[] = [], line = 1): RestApi =>
    ({
      logicalId: 'Api',
      id: 'abc',
      name: 'Api',
      binaryMediaTypes: binary,
      resources: Object.entries(paths).map(([path, fn]) => ({ id: path, path, methods: [method(fn, line)] })),
      stages: [],
      implicit: false,
      source: src,
    }) as unknown as RestApi;

  it('names routes added, removed and changed, and binaryMediaTypes', () => {
    expect(describeRestApiChanges(api({ '/a': 'F', '/b': 'F' }), api({ '/a': 'G', '/c': 'F' }, ['image/png']))).toEqual([
      '1 route added (GET /c)',
      '1 route removed (GET /b)',
      'GET /a changed',
      'binaryMediaTypes changed [] → [image/png]',
    ]);
  });

  it('sees no change when only template line numbers moved', () => {
    expect(describeRestApiChanges(api({ '/a': 'F' }, [], 1), api({ '/a': 'F' }, [], 9))).toEqual([]);
  });
});
