import { describe, expect, it } from 'vitest';
import { invokeResultText, payloadText, postedBytes, successResult } from '../../../src/runtime/payload-text.js';
import type { InvokeReport } from '../../../src/runtime/runtime.js';
import { limitBody } from '../../../src/runtime/runtime-api/read-body.js';
import { MAX_RESPONSE_PAYLOAD_BYTES } from '../../../src/runtime/runtime-api/render.js';

const report: InvokeReport = {
  requestId: 'id',
  environmentId: 'env',
  coldStart: false,
  durationMs: 1,
  billedDurationMs: 1,
  memorySizeMb: 128,
  maxMemoryUsedMb: 64,
};

// A thread environment posts its result as text (decision 0004); the gateway reads it as text, the Invoke API as bytes.
describe('a result that arrived as text', () => {
  const text = `{"statusCode":200,"body":"välue 😀 ${'x'.repeat(70_000)}"}`;

  it('is read as the very text, without making its bytes', () => {
    // Act
    const result = successResult(text, report);
    // Assess
    expect(invokeResultText(result)).toBe(text);
    expect(Object.getOwnPropertyDescriptor(result, 'payload')?.get).toBeTypeOf('function');
  });

  it('has the UTF-8 bytes of the text as its payload, made once', () => {
    // Prepare
    const result = successResult(text, report);
    // Act
    const payload = result.payload;
    // Assess
    expect(payload.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(result.payload).toBe(payload);
    expect(payloadText(payload)).toBe(text);
    expect({ ...result }).toEqual({ kind: 'success', payload: Buffer.from(text, 'utf8'), report });
  });

  it('keeps a payload that arrived as bytes as it is', () => {
    // Prepare
    const bytes = Buffer.from('{"a":"é"}');
    // Act
    const result = successResult(bytes, report);
    // Assess
    expect(result).toEqual({ kind: 'success', payload: bytes, report });
    expect(result.payload).toBe(bytes);
    expect(invokeResultText(result)).toBe('{"a":"é"}');
  });

  it('turns posted text into bytes and remembers the text', () => {
    // Act
    const bytes = postedBytes('{"k":"ü"}');
    // Assess
    expect(bytes.equals(Buffer.from('{"k":"ü"}'))).toBe(true);
    expect(payloadText(bytes)).toBe('{"k":"ü"}');
  });
});

// RIE rapi/handler/invocationresponse.go (lambda.md §2.2): over 6,291,556 bytes → 413. Text is counted in UTF-8 bytes, not characters.
describe('the response limit for a body that arrived as text', () => {
  const limit = MAX_RESPONSE_PAYLOAD_BYTES;

  it('passes short text without counting it', () => {
    // Prepare
    const text = 'ü'.repeat(Math.floor(limit / 3));
    // Act
    const read = limitBody(text, limit);
    // Assess
    expect(read).toEqual({ kind: 'complete', body: text });
  });

  it('passes text of exactly the limit in UTF-8 bytes', () => {
    // Prepare: 2 bytes per character, so the characters alone do not tell
    const text = 'é'.repeat(limit / 2);
    // Act
    const read = limitBody(text, limit);
    // Assess
    expect(read.kind).toBe('complete');
    expect(read.kind === 'complete' && read.body).toBe(text);
  });

  it('refuses text one byte over the limit, with its size in bytes', () => {
    // Prepare
    const text = `${'é'.repeat(limit / 2)}x`;
    // Act
    const read = limitBody(text, limit);
    // Assess
    expect(read).toEqual({ kind: 'too-large', bytes: limit + 1 });
  });

  it('counts bytes, not UTF-16 units, for characters outside the BMP', () => {
    // Prepare: 4 bytes per 2 UTF-16 units, so under the limit in units and over it in bytes
    const text = '😀'.repeat(Math.floor(limit / 3));
    // Act
    const read = limitBody(text, limit);
    // Assess
    expect(read).toEqual({ kind: 'too-large', bytes: Buffer.byteLength(text) });
  });

  it('treats bytes as before', () => {
    // Act + Assess
    expect(limitBody(Buffer.alloc(limit), limit).kind).toBe('complete');
    expect(limitBody(Buffer.alloc(limit + 1), limit)).toEqual({ kind: 'too-large', bytes: limit + 1 });
    expect(limitBody({ bytes: limit + 5 }, limit)).toEqual({ kind: 'too-large', bytes: limit + 5 });
  });
});
