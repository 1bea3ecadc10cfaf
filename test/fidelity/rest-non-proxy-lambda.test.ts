import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';

// Non-proxy (type AWS) Lambda integrations from an OpenAPI DefinitionBody: request templates, passthrough,
// selection patterns, response templates, method responses, contentHandling, template errors.
// Spec: ../shared/aws/api-gateway.md §5.3, §6, §10.
const fx = useFixtureGateway('rest-openapi');
const json = { 'content-type': 'application/json' };

describe('request mapping template chosen by Content-Type', () => {
  // Documented: request-response-data-mappings.html; recorded: test_lambda_aws_integration_with_request_template.
  it('sends the rendered template to the function, and logs it as AWS does', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/echo?id=42', headers: json, body: { a: [1, 2] } });
    expect(res.status).toBe(200);
    // Recorded (test_lambda_selection_patterns): the function's result is serialised as JSON.
    expect(res.json()).toEqual({ body: { a: [1, 2] }, id: '42', stage: 'dev', flavour: 'vanilla' });
    expect(res.trace.awsLog).toContain(
      'Endpoint request body after transformations: {\n  "body": {"a":[1,2]},\n  "id": "42",\n  "stage": "dev",\n  "flavour": "vanilla"\n}\n',
    );
    expect(res.trace.awsLog.some((l) => l.startsWith('Endpoint response body before transformations: {"body":'))).toBe(true);
    expect(res.trace.awsLog.some((l) => l.startsWith('Method response body after transformations: {"body":'))).toBe(true);
    // Recorded TestInvoke log: Lambda non-proxy responses carry X-Amzn-Trace-Id.
    expect(res.header('X-Amzn-Trace-Id')).toBeDefined();
  });

  // Documented: a missing Content-Type counts as application/json.
  it('a request without Content-Type uses the application/json template', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/echo', body: '{"b":true}' });
    expect(res.json()).toMatchObject({ body: { b: true } });
  });

  // Documented (integration-passthrough-behaviors.html example 2): WHEN_NO_TEMPLATES with templates → 415.
  it('WHEN_NO_TEMPLATES with templates defined answers 415 for another Content-Type', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/echo',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(415);
    expect(res.text()).toBe('{"message":"Unsupported Media Type"}');
    expect(res.trace.failure?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // The API customises DEFAULT_4XX with a header; UNSUPPORTED_MEDIA_TYPE falls back to it.
    expect(res.header('Access-Control-Allow-Origin')).toBe('*');
  });

  // Recorded (test_lambda_aws_integration): no templates → the body is passed through.
  it('no templates: the body is passed through unchanged', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/passthrough',
      headers: json,
      body: { message: 'hello world' },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ message: 'hello world' });
  });

  it('a passthrough body that is not JSON is rejected by Lambda: 500', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/passthrough',
      headers: { 'content-type': 'text/plain' },
      body: 'plain words',
    });
    expect(res.status).toBe(500);
    expect(res.trace.failure?.fields.errorType).toBe('InvalidRequestContentException');
  });

  // Recorded (test_lambda_selection_patterns): a returned string reaches the client with its quotes.
  it('a string result keeps its JSON quotes', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/passthrough', headers: json, body: { value: 'Pass' } });
    expect(res.text()).toBe('"Pass"');
  });
});

describe('integration responses: selection patterns on errorMessage', () => {
  // Documented (handle-errors-in-lambda-integration.html) and recorded (test_lambda_selection_patterns).
  it('a matching errorMessage selects the 404 response with its template and header mapping', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/errors',
      headers: json,
      body: { throw: 'the thing was not found' },
    });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'the thing was not found' });
    expect(res.header('X-Error-Type')).toBe('Error');
  });

  it('an error no pattern matches is answered 200 with the error document, and explained', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/errors', headers: json, body: { throw: 'boom' } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
    expect(res.trace.notices.map((n) => n.code)).toContain('FUNCTION_ERROR_RETURNED_AS_200');
  });

  // Recorded: a successful result never selects a pattern, even one that would match its text.
  it('a success whose body contains "not found" takes the default response', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/errors', headers: json, body: { value: 'not found' } });
    expect(res.status).toBe(200);
  });

  // Documented (Knowledge Center api-gateway-internal-server-error).
  it('an integration response whose status is not a method response: 500 with the AWS log line', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/undeclared', headers: json, body: {} });
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"message": "Internal server error"}');
    expect(res.trace.awsLog).toContain(
      'Execution failed due to configuration error: Output mapping refers to an invalid method response: 201',
    );
  });
});

describe('mapping template errors name the template and its line', () => {
  it('a syntax error in an inline request template: 500, where = template.yaml line of the error', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/dev/broken', headers: json, body: { x: 1 } });
    expect(res.status).toBe(500);
    expect(res.trace.failure?.code).toBe('MAPPING_TEMPLATE_FAILED');
    // The template's line 3 is `"b": #if(...` on line 117 of template.yaml.
    expect(res.trace.failure?.source?.file).toMatch(/rest-openapi\/template\.yaml$/);
    expect(res.trace.failure?.source?.line).toBe(117);
    expect(res.explanation).toMatch(/template\.yaml:117/);
  });

  it('a failing $util call in a DefinitionUri file points into that file', async () => {
    const res = await fx.gateway.inject({ path: '/file/bad-template' });
    expect(res.status).toBe(500);
    expect(res.trace.failure?.source?.file).toMatch(/definitions\/swagger\.yaml$/);
    expect(res.trace.failure?.source?.line).toBe(26);
    expect(res.trace.failure?.detail).toMatch(/parseJson/);
  });

  it('the DefinitionUri API serves its routes', async () => {
    const res = await fx.gateway.inject({ path: '/file/ok' });
    expect(res.json()).toEqual({ from: '/ok' });
  });
});

describe('contentHandling on the integration response (§5.3)', () => {
  // Documented: text result + binary Accept + no contentHandling → API Gateway base64-decodes it; JSON fails → 500.
  it('binary Accept without contentHandling: a JSON result cannot be decoded → 500', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/binary',
      headers: { ...json, accept: 'image/png' },
      body: { value: { a: 1 } },
    });
    expect(res.status).toBe(500);
    expect(res.trace.failure?.code).toBe('CONTENT_HANDLING_FAILED');
  });

  // Documented: CONVERT_TO_BINARY base64-decodes the raw result text, whatever the Accept.
  it('CONVERT_TO_BINARY decodes a result that is base64 text, for a text Accept too', async () => {
    // The number 12345678 serialises as the 8 characters 12345678, which are strict base64.
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/binary-converted',
      headers: { ...json, accept: 'text/plain' },
      body: { value: 12345678 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(Buffer.from('12345678', 'base64'));
    expect(res.trace.awsLog).toContain('Method response body after transformations: [Binary Data]');
  });

  // Not established on AWS (§15): whether CONVERT_TO_BINARY strips the quotes of a string result. gatehouse decodes
  // the raw text, quotes included, which is not base64: 500.
  it('CONVERT_TO_BINARY on a JSON string result (quotes kept) fails with 500', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/binary-converted',
      headers: json,
      body: { value: 'iVBORw0KGgo=' },
    });
    expect(res.status).toBe(500);
    expect(res.trace.failure?.code).toBe('CONTENT_HANDLING_FAILED');
  });

  it('CONVERT_TO_TEXT keeps a JSON result as text even for a binary Accept', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/dev/binary-text',
      headers: { ...json, accept: 'image/png' },
      body: { value: { a: 1 } },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ a: 1 });
  });
});
