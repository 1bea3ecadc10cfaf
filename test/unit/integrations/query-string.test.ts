import { describe, expect, it } from 'vitest';
import { parseQueryString } from '../../../src/integrations/lambda-proxy/query-string.js';

describe('REST proxy event query strings', () => {
  // AWS (recorded, test_lambda_aws_proxy_integration invocation-payload-with-params-encoding(-multi)).
  it('decodes + and percent escapes, keeps the last value in queryStringParameters', () => {
    const q = parseQueryString(
      'email=test%2Balias@gmail.com&plus=test+alias@gmail.com&url=https://a.b/c&category=electronics&category=books',
    );
    expect(q.single).toEqual({
      email: 'test+alias@gmail.com',
      plus: 'test alias@gmail.com',
      url: 'https://a.b/c',
      category: 'books',
    });
    expect(q.multi?.category).toEqual(['electronics', 'books']);
  });
  it('is null without a query string', () => {
    expect(parseQueryString(undefined)).toEqual({ single: null, multi: null });
    expect(parseQueryString('')).toEqual({ single: null, multi: null });
  });
});
