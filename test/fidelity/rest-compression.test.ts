import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// Payload compression of REST method responses (documented, not recorded):
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-receive-response-with-compressed-payload.html
// compressed only with minimumCompressionSize set, an Accept-Encoding whose highest-priority coding is supported
// (gzip, deflate, identity: api-gateway-enable-compression.html), no Content-Encoding from the integration, and a
// payload of at least minimumCompressionSize bytes. Stage `gz` has MinimumCompressionSize 100.
const fx = useFixtureGateway('rest-proxy');
const LONG = 'x'.repeat(500);

function returning(stage: string, result: unknown, acceptEncoding?: string) {
  return send(`${fx.url}/${stage}/return`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json'], ...(acceptEncoding ? [['Accept-Encoding', acceptEncoding] as const] : [])],
    body: JSON.stringify({ result }),
  });
}

describe('REST payload compression', () => {
  it('gzips a response at least minimumCompressionSize long for Accept-Encoding gzip', async () => {
    const res = await returning('gz', { statusCode: 200, body: LONG }, 'gzip, deflate, br');
    expect(res.header('Content-Encoding')).toBe('gzip');
    expect(res.header('Content-Length')).toBe(String(res.body.length));
    expect(gunzipSync(res.body).toString()).toBe(LONG);
  });

  it('uses the highest-priority coding, and none when that coding is not supported', async () => {
    const deflated = await returning('gz', { statusCode: 200, body: LONG }, 'gzip;q=0.5, deflate');
    expect(deflated.header('Content-Encoding')).toBe('deflate');
    expect(inflateSync(deflated.body).toString()).toBe(LONG);
    const brotliFirst = await returning('gz', { statusCode: 200, body: LONG }, 'br, gzip;q=0.8');
    expect(brotliFirst.header('Content-Encoding')).toBeUndefined();
    expect(brotliFirst.text()).toBe(LONG);
  });

  it('leaves small, unasked-for and already-encoded responses alone, and APIs without the setting', async () => {
    expect((await returning('gz', { statusCode: 200, body: 'short' }, 'gzip')).header('Content-Encoding')).toBeUndefined();
    expect((await returning('gz', { statusCode: 200, body: LONG })).header('Content-Encoding')).toBeUndefined();
    const encoded = await returning('gz', { statusCode: 200, headers: { 'Content-Encoding': 'identity' }, body: LONG }, 'gzip');
    expect(encoded.all('Content-Encoding')).toEqual(['identity']);
    expect(encoded.text()).toBe(LONG);
    expect((await returning('plain', { statusCode: 200, body: LONG }, 'gzip')).header('Content-Encoding')).toBeUndefined();
  });
});
