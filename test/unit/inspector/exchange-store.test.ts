import { describe, expect, it } from 'vitest';
import { classifyBody, previewBody } from '../../../src/inspector/body-preview.js';
import { ExchangeStore } from '../../../src/inspector/exchange-store.js';
import type { Exchange } from '../../../src/server/gateway.js';

function exchange(target: string, body: Buffer = Buffer.from('{"ok":true}')): Exchange {
  return {
    request: {
      method: 'GET',
      target,
      headers: [['Host', '127.0.0.1']],
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
      localPort: 3000,
    },
    response: { status: 200, headers: [['Content-Type', 'application/json']], body },
    trace: { requestId: 'r', startedAt: 0, entries: [], awsLog: [], notices: [] },
    ms: 1,
  };
}

describe('inspector exchange store', () => {
  it('keeps the newest exchanges up to its capacity, by id', () => {
    // Prepare
    const store = new ExchangeStore({ capacity: 3 });
    // Act
    for (let i = 1; i <= 5; i++) store.record(exchange(`/p/${i}`));
    // Assess
    expect(store.summaries().map((s) => s.target)).toEqual(['/p/3', '/p/4', '/p/5']);
    expect(store.get(2)).toBeUndefined();
    expect(store.get(4)?.detail.target).toBe('/p/4');
  });

  it('drops the oldest when the kept bytes pass the budget', () => {
    const store = new ExchangeStore({ capacity: 100, byteBudget: 300 * 1024 });
    for (let i = 1; i <= 4; i++) store.record(exchange(`/big/${i}`, Buffer.alloc(200 * 1024, 1)));
    expect(store.size).toBeLessThan(4);
    expect(store.summaries().at(-1)?.target).toBe('/big/4');
  });

  it('tells listeners about each new exchange', () => {
    const store = new ExchangeStore();
    const seen: number[] = [];
    const stop = store.subscribe((s) => seen.push(s.id));
    store.record(exchange('/a'));
    stop();
    store.record(exchange('/b'));
    expect(seen).toEqual([1]);
  });
});

describe('inspector body preview', () => {
  it.each([
    ['image', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'],
    // base64 text labelled image/png is still shown as an image, so it visibly fails to decode
    ['image', Buffer.from('iVBORw0KGgo='), 'image/png'],
    ['json', Buffer.from('{"a":1}'), 'application/json'],
    ['json', Buffer.from('[1,2]'), undefined],
    ['text', Buffer.from('{not json'), 'application/json'],
    ['text', Buffer.from('héllo\n'), 'text/plain'],
    ['binary', Buffer.from([0, 1, 2, 255]), 'application/octet-stream'],
    ['empty', Buffer.alloc(0), 'text/plain'],
  ] as const)('shows %s for %j as %s', (kind, bytes, type) => {
    expect(classifyBody(bytes, type)).toBe(kind);
  });

  it('keeps the exact bytes, capped', () => {
    const preview = previewBody(Buffer.from('abcdef'), 'text/plain', 4);
    expect(preview).toMatchObject({ size: 6, truncated: true, kind: 'text' });
    expect(Buffer.from(preview.base64, 'base64').toString()).toBe('abcd');
  });
});
