import { describe, expect, it } from 'vitest';
import { decodeBase64Strict } from '../../../src/pipeline/binary/base64.js';
import { firstAcceptMediaType, matchBinaryMediaType } from '../../../src/pipeline/binary/media-type.js';

describe('REST binary response decision: first Accept media type against binaryMediaTypes', () => {
  // AWS (recorded): test_aws_proxy_binary_response, ../shared/aws/api-gateway.md §5.1 matrix.
  const cases: [accept: string | undefined, binaryMediaTypes: string[], decoded: boolean][] = [
    ['image/png', [], false],
    ['image/png', ['image/png', '*/test'], true],
    ['image/jpg', ['image/png', '*/test'], false],
    ['image/*', ['image/png', '*/test'], false],
    ['*/test', ['image/png', '*/test'], false],
    ['random/test', ['image/png', '*/test'], false],
    ['*/*', ['image/png', '*/test'], false],
    ['image/webp,image/png,*/*;q=0.8', ['image/png', '*/test'], false],
    ['image/png,image/*,*/*;q=0.8', ['image/png', '*/test'], true],
    ['application/whatever', ['image/png', 'application/*', 'image/jpg'], true],
    ['application/*', ['image/png', 'application/*', 'image/jpg'], true],
    ['application', ['image/png', 'application/*', 'image/jpg'], false],
    // Documented: `*/*` in binaryMediaTypes covers all content types (api-gateway-payload-encodings.html).
    ['text/html', ['*/*'], true],
    // Documented: an absent Accept is taken as application/json (request-response-data-mappings.html).
    [undefined, ['image/png'], false],
    [undefined, ['application/json'], true],
  ];
  it.each(cases)('Accept %j with binaryMediaTypes %j → decoded: %s', (accept, types, decoded) => {
    expect(matchBinaryMediaType(firstAcceptMediaType(accept), types) !== undefined).toBe(decoded);
  });
});

describe('strict base64 decoding of isBase64Encoded bodies', () => {
  // AWS (recorded, test_apigateway_s3.py binary cases): a string with spaces that a lenient MIME decoder
  // would accept is rejected with 500.
  it('rejects text that is not strict base64', () => {
    expect(decodeBase64Strict('this is a UTF8 text typed object')).toBeUndefined();
    expect(decodeBase64Strict('aGVsbG8=\n')).toBeUndefined();
    expect(decodeBase64Strict('a')).toBeUndefined();
  });
  it('decodes padded and unpadded base64', () => {
    expect(decodeBase64Strict('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64Strict('aGVsbG8')?.toString()).toBe('hello');
    expect(decodeBase64Strict('')?.length).toBe(0);
  });
});
