import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// Answers API Gateway makes by itself for a REST API with Lambda proxy integrations, through the real server.
// Spec: ../shared/aws/api-gateway.md §7 and ../shared/aws/lambda.md §10.
const fx = useFixtureGateway('rest-proxy');
const INTERNAL_SERVER_ERROR = '{"message": "Internal server error"}';

describe('no route: 403 Missing Authentication Token', () => {
  // Recorded (TestApigatewayRouting::test_routing_not_found: not-found and wrong-method) and captured
  // (docs/research/aws-recorded-responses.md §1): 42-byte body without a space, MissingAuthenticationTokenException.
  it.each([
    ['an unknown path', 'GET', '/strict/fail'],
    ['a method the resource does not define', 'POST', '/strict/items/1'],
    ['an unknown stage', 'GET', '/nostage/items/1'],
  ])('%s', async (_name, method, path) => {
    const res = await send(`${fx.url}${path}`, { method });
    expect(res.status).toBe(403);
    expect(res.text()).toBe('{"message":"Missing Authentication Token"}');
    expect(res.header('x-amzn-ErrorType')).toBe('MissingAuthenticationTokenException');
    expect(res.header('Content-Type')).toBe('application/json');
    expect(res.header('Content-Length')).toBe('42');
    expect(res.header('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.header('x-amz-apigw-id')).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(res.header('X-Amzn-Trace-Id')).toBeUndefined();
  });

  it('explains which resources exist', async () => {
    const res = await fx.gateway.inject({ method: 'POST', path: '/strict/items/1' });
    expect(res.trace.failure?.code).toBe('MISSING_AUTHENTICATION_TOKEN');
    expect(res.trace.failure?.detail).toBe('resource /items/{id} defines GET, not POST');
  });
});

describe('function errors: 502', () => {
  // Recorded (validation test "empty-response": the handler raised) and documented
  // (services-apigateway-errors.html: "If the function runs but returns an error ... 502").
  it('answers a thrown error with 502 and logs it as AWS does', async () => {
    const res = await send(`${fx.url}/dev/fail/throw`);
    expect(res.status).toBe(502);
    expect(res.text()).toBe(INTERNAL_SERVER_ERROR);
    const injected = await fx.gateway.inject({ path: '/dev/fail/throw' });
    expect(injected.trace.failure?.code).toBe('LAMBDA_FUNCTION_ERROR');
    expect(injected.trace.lambda?.functionError).toMatchObject({ errorType: 'Error', errorMessage: 'something broke' });
    // Log line as quoted in ../shared/aws/lambda.md §10 (serverless/serverless#8671).
    expect(
      injected.trace.awsLog.some((l) =>
        /^Lambda execution failed with status 200 due to customer function error: something broke\. Lambda request id: [0-9a-f-]{36}$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(injected.explanation).toMatch(/fail\.handler|FailFunction/);
  });

  // Documented (composition, api-gateway.md §7): a function that exceeds its own Timeout is a function error → 502, not 504.
  it('answers a function timeout with 502', async () => {
    const injected = await fx.gateway.inject({ path: '/dev/fail/timeout' });
    expect(injected.status).toBe(502);
    expect(injected.trace.lambda?.functionError?.errorType).toBe('Sandbox.Timedout');
    expect(injected.trace.lambda?.functionError?.errorMessage).toMatch(/Task timed out after 1\.00 seconds/);
  });

  // Recorded (lambda.md §2.5): process exit → Runtime.ExitError, a function error → 502.
  it('answers a crashed runtime with 502 and keeps serving', async () => {
    const injected = await fx.gateway.inject({ path: '/dev/fail/exit' });
    expect(injected.status).toBe(502);
    expect(injected.trace.lambda?.functionError?.errorType).toBe('Runtime.ExitError');
    expect((await send(`${fx.url}/dev/fail/ok`)).text()).toBe('ok');
  });

  // Recorded (lambda.md §2.5, test_lambda_too_large_response): over 6291556 bytes → Function.ResponseSizeTooLarge → 502.
  it('answers an oversized result with 502', async () => {
    const injected = await fx.gateway.inject({ path: '/dev/fail/huge' });
    expect(injected.status).toBe(502);
    expect(injected.trace.lambda?.functionError?.errorType).toBe('Function.ResponseSizeTooLarge');
  });

  // Inferred: a handler that returns nothing gives `null`, which is not a proxy response.
  it('answers a missing return value with 502 malformed response', async () => {
    const injected = await fx.gateway.inject({ path: '/dev/fail/nothing' });
    expect(injected.status).toBe(502);
    expect(injected.trace.failure?.code).toBe('LAMBDA_PROXY_MALFORMED_RESPONSE');
  });
});

describe('integration timeout: 504', () => {
  // Documented (Knowledge Center api-gateway-504-errors; body from the access log quoted in DataBiosphere/azul#6284).
  it('answers 504 Endpoint request timed out after TimeoutInMillis', async () => {
    const res = await send(`${fx.url}/dev/slow`);
    expect(res.status).toBe(504);
    expect(res.text()).toBe('{"message": "Endpoint request timed out"}');
    const injected = await fx.gateway.inject({ path: '/dev/slow' });
    expect(injected.trace.failure?.code).toBe('INTEGRATION_TIMEOUT');
    expect(injected.trace.awsLog).toContain('Execution failed due to a timeout error');
  });
});

describe('Lambda throttling: 500', () => {
  // Documented (services-apigateway-errors.html: "If the Lambda API rejects the invocation request, API Gateway returns a 500").
  it('answers 500 when the function has ReservedConcurrentExecutions 0', async () => {
    const res = await send(`${fx.url}/dev/throttled`);
    expect(res.status).toBe(500);
    expect(res.text()).toBe(INTERNAL_SERVER_ERROR);
    const injected = await fx.gateway.inject({ path: '/dev/throttled' });
    expect(injected.trace.failure?.code).toBe('LAMBDA_THROTTLED');
  });
});

describe('payload limits: 413', () => {
  // Documented: API Gateway's 10 MB quota (REQUEST_TOO_LARGE 413).
  it('answers 413 for a body over 10 MB without invoking the function', async () => {
    const res = await send(`${fx.url}/dev/upload`, {
      method: 'POST',
      headers: [['Content-Type', 'text/plain']],
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61),
    });
    expect(res.status).toBe(413);
    expect(res.header('x-amzn-ErrorType')).toBe('BadRequestException');
  });

  // Captured (koki-develop/lgtm-generator#10): an event over Lambda's 6 MB gives 413 {"message": "Request Too Long"}.
  it('answers 413 Request Too Long when the event exceeds 6 MB, e.g. a 5 MB binary upload grown by base64', async () => {
    const res = await send(`${fx.url}/dev/upload`, {
      method: 'POST',
      headers: [['Content-Type', 'image/png']],
      body: Buffer.alloc(5 * 1024 * 1024, 1),
    });
    expect(res.status).toBe(413);
    expect(res.text()).toBe('{"message": "Request Too Long"}');
    expect(res.header('x-amzn-ErrorType')).toBe('BadRequestException');
  });
});
