import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// When does a REST API decode an isBase64Encoded body? Only when the FIRST Accept media type matches the
// stage's deployed binaryMediaTypes; the response Content-Type plays no part.
// Recorded: LocalStack test_aws_proxy_binary_response (validated 2025-01-29); ../shared/aws/api-gateway.md §5.1.
const fx = useFixtureGateway('rest-proxy');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const b64 = PNG.toString('base64');

function binaryResult(
  stage: string,
  accept: string | undefined,
  result: unknown = { statusCode: 200, headers: { 'Content-Type': 'image/png' }, isBase64Encoded: true, body: b64 },
) {
  return send(`${fx.url}/${stage}/return`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json'], ...(accept === undefined ? [] : [['Accept', accept] as const])],
    body: JSON.stringify({ result }),
  });
}

describe('REST binary responses', () => {
  it('decodes when the first Accept type is listed', async () => {
    const res = await binaryResult('dev', 'image/png');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(PNG);
    expect(res.header('Content-Type')).toBe('image/png');
    expect(res.header('Content-Length')).toBe(String(PNG.length));
  });

  it('sends base64 text when the first Accept type is not listed, and explains it', async () => {
    const res = await binaryResult('dev', 'image/webp,image/png,*/*;q=0.8');
    expect(res.status).toBe(200);
    expect(res.text()).toBe(b64);
    const injected = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/return',
      headers: { Accept: 'image/webp,image/png,*/*;q=0.8' },
      body: { result: { statusCode: 200, isBase64Encoded: true, body: b64 } },
    });
    expect(injected.text()).toBe(b64);
    const notice = injected.trace.notices.find((n) => n.code === 'BASE64_TEXT_INSTEAD_OF_BINARY');
    expect(notice?.detail).toMatch(/image\/webp/);
    expect(injected.explanation).toMatch(/Binary body sent to the client as base64 text/);
  });

  it('sends base64 text without an Accept header (taken as application/json)', async () => {
    expect((await binaryResult('dev', undefined)).text()).toBe(b64);
  });

  it('sends base64 text on a stage whose API has no binaryMediaTypes', async () => {
    expect((await binaryResult('plain', 'image/png')).text()).toBe(b64);
  });

  it('ignores the response Content-Type (binary even with none)', async () => {
    const res = await binaryResult('dev', 'application/octet-stream', { statusCode: 200, isBase64Encoded: true, body: b64 });
    expect(res.body).toEqual(PNG);
    expect(res.header('Content-Type')).toBe('application/json');
  });

  it('sends the body as is when isBase64Encoded is false', async () => {
    const res = await binaryResult('dev', 'image/png', { statusCode: 200, body: b64 });
    expect(res.text()).toBe(b64);
  });

  // Recorded (status only) and documented (API_CONFIGURATION_ERROR "when base64 decoding fails").
  it('answers 500 when the body is not valid base64 and a decode was due', async () => {
    const res = await binaryResult('dev', 'image/png', { statusCode: 200, isBase64Encoded: true, body: 'this is not base64!' });
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"message": "Internal server error"}');
    const injected = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/return',
      headers: { Accept: 'image/png' },
      body: { result: { statusCode: 200, isBase64Encoded: true, body: 'this is not base64!' } },
    });
    expect(injected.trace.failure?.code).toBe('BASE64_DECODE_FAILED');
  });
});
