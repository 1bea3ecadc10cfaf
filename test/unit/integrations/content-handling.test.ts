import { describe, expect, it } from 'vitest';
import { convertRequestPayload, convertResponsePayload } from '../../../src/integrations/mapped/content-handling.js';
import { selectIntegrationResponse } from '../../../src/integrations/mapped/select-integration-response.js';
import type { IntegrationResponseSpec } from '../../../src/model/integration.js';

// The contentHandling conversion table, documented in api-gateway-payload-encodings-workflow.html and recorded with
// an S3 integration (test_apigateway_s3.py): ../shared/aws/api-gateway.md §5.3.
const text = Buffer.from('aGVsbG8=', 'utf8'); // base64 of "hello", which is text too
const json = Buffer.from('{"a":1}', 'utf8');
const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('integration request', () => {
  it.each([
    ['text, no handling → text', text, false, undefined, 'aGVsbG8=', false],
    ['text, CONVERT_TO_TEXT → text', text, false, 'CONVERT_TO_TEXT', 'aGVsbG8=', false],
    ['text, CONVERT_TO_BINARY → decoded blob', text, false, 'CONVERT_TO_BINARY', 'hello', true],
    ['binary type, no handling → bytes', bytes, true, undefined, bytes.toString('latin1'), true],
    ['binary type, CONVERT_TO_BINARY → bytes', bytes, true, 'CONVERT_TO_BINARY', bytes.toString('latin1'), true],
    ['binary type, CONVERT_TO_TEXT → base64 text', bytes, true, 'CONVERT_TO_TEXT', bytes.toString('base64'), false],
  ] as const)('%s', (_name, body, binaryType, handling, expected, binary) => {
    const out = convertRequestPayload(body, binaryType, handling);
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.payload.bytes.toString(out.payload.binary ? 'latin1' : 'utf8')).toBe(expected);
      expect(out.payload.binary).toBe(binary);
    }
  });

  // Recorded: request CONVERT_TO_BINARY with a non-base64 text body → 500.
  it('text that is not strict base64 with CONVERT_TO_BINARY fails', () => {
    expect(convertRequestPayload(Buffer.from('this is a UTF8 text typed object'), false, 'CONVERT_TO_BINARY').ok).toBe(false);
  });
});

describe('integration response', () => {
  it.each([
    ['text, text Accept, no handling → text', text, false, false, undefined, 'text'],
    ['text, text Accept, CONVERT_TO_BINARY → blob', text, false, false, 'CONVERT_TO_BINARY', 'blob'],
    ['text, binary Accept, no handling → blob', text, false, true, undefined, 'blob'],
    ['text, binary Accept, CONVERT_TO_BINARY → blob', text, false, true, 'CONVERT_TO_BINARY', 'blob'],
    ['text, binary Accept, CONVERT_TO_TEXT → text', text, false, true, 'CONVERT_TO_TEXT', 'text'],
    ['binary, text Accept, no handling → base64 string', bytes, true, false, undefined, 'base64'],
    ['binary, text Accept, CONVERT_TO_TEXT → base64 string', bytes, true, false, 'CONVERT_TO_TEXT', 'base64'],
    ['binary, text Accept, CONVERT_TO_BINARY → binary', bytes, true, false, 'CONVERT_TO_BINARY', 'same'],
    ['binary, binary Accept, no handling → binary', bytes, true, true, undefined, 'same'],
    ['binary, binary Accept, CONVERT_TO_TEXT → base64 string', bytes, true, true, 'CONVERT_TO_TEXT', 'base64'],
  ] as const)('%s', (_name, body, payloadBinary, binaryAccept, handling, expected) => {
    const out = convertResponsePayload({ bytes: body, binary: payloadBinary }, binaryAccept, handling);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    if (expected === 'text') expect(out.payload).toEqual({ bytes: body, binary: false });
    if (expected === 'blob') expect(out.payload).toEqual({ bytes: Buffer.from('hello'), binary: true });
    if (expected === 'base64') expect(out.payload).toEqual({ bytes: Buffer.from(body.toString('base64')), binary: false });
    if (expected === 'same') expect(out.payload).toEqual({ bytes: body, binary: true });
  });

  // Documented: a Lambda non-proxy result is JSON; a binary Accept without contentHandling tries to decode it → 500.
  it('a JSON result with a binary Accept and no handling cannot be converted', () => {
    expect(convertResponsePayload({ bytes: json, binary: false }, true, undefined).ok).toBe(false);
  });
});

describe('selectIntegrationResponse', () => {
  const ref = { file: 'x', line: 1, column: 1, keyPath: 'x' };
  const response = (statusCode: string, selectionPattern?: string): IntegrationResponseSpec => ({
    statusCode,
    ...(selectionPattern ? { selectionPattern } : {}),
    responseParameters: {},
    responseTemplates: [],
    source: ref,
  });
  const responses = [response('200'), response('400', 'Bad.*'), response('500', '.+')];

  it('no subject (a Lambda success) → the default response', () => {
    expect(selectIntegrationResponse(responses, undefined).response?.statusCode).toBe('200');
  });
  it('a full match is required (Java matches())', () => {
    expect(selectIntegrationResponse([response('200'), response('400', 'Bad')], 'Bad request').response?.statusCode).toBe('200');
  });
  // Documented caveat: `.` does not match a newline, so `.+` fails on a multi-line message.
  it('`.` does not cross newlines', () => {
    expect(selectIntegrationResponse([response('200'), response('500', '.+')], 'line one\nline two').response?.statusCode).toBe(
      '200',
    );
  });
  it('several matches: the first defined wins (AWS order not established), the others are reported', () => {
    const selection = selectIntegrationResponse(responses, 'Bad things');
    expect(selection.response?.statusCode).toBe('400');
    expect(selection.alsoMatched).toEqual(['.+']);
  });
  it('no default and no match → undefined', () => {
    expect(selectIntegrationResponse([response('400', 'Bad.*')], 'Other').response).toBeUndefined();
  });
});
