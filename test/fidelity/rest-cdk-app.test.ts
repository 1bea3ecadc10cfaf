import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// A real CDK app (test/fixtures/projects/cdk-rest/app.js, synthesised with `cdk synth`): a LambdaRestApi
// (AWS_PROXY), a non-proxy LambdaIntegration with templates, a MOCK OPTIONS method and a gateway response,
// all plain AWS::ApiGateway::* resources. Spec: ../shared/aws/api-gateway.md §6 and §7.
const template = fileURLToPath(new URL('../fixtures/projects/cdk-rest/template.json', import.meta.url));
const fx = useFixtureGateway('cdk-rest', { template });

describe('CDK REST app served end to end', () => {
  it('ANY /{proxy+} is the LambdaRestApi proxy integration', async () => {
    const res = await send(`${fx.url}/prod/some/where`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ via: 'proxy', path: '/some/where', method: 'GET' });
  });

  it('POST /greet runs the request template, the function and the response template', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/prod/greet',
      headers: { 'content-type': 'application/json' },
      body: { name: 'Ada' },
    });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('{"message": "hello Ada"}');
    expect(res.header('X-Greeting')).toBe('yes');
    expect(res.header('Content-Type')).toBe('application/json');
    // The function received what the template made, not the client's body.
    expect(res.trace.lambda?.event).toEqual({ name: 'Ada', fail: '', source: 'POST /greet' });
    expect(res.trace.awsLog).toContain(
      'Endpoint request body after transformations: {"name": "Ada", "fail": "", "source": "POST /greet"}',
    );
    expect(res.trace.awsLog.some((l) => l.startsWith('Endpoint response body before transformations: {"received":'))).toBe(true);
    expect(res.trace.awsLog).toContain('Method response body after transformations: {"message": "hello Ada"}');
  });

  // Documented (handle-errors-in-lambda-integration.html): errorMessage matched against selectionPattern.
  it('a function error matching the selection pattern becomes 400 with the error template', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/prod/greet',
      headers: { 'content-type': 'application/json' },
      body: { fail: 'no name' },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad request: no name' });
  });

  // Documented (integration-passthrough-behaviors.html): NEVER → 415 for a Content-Type without template.
  it('PassthroughBehavior NEVER answers 415 for text/plain', async () => {
    const res = await fx.gateway.inject({
      method: 'POST',
      path: '/prod/greet',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(res.status).toBe(415);
    expect(res.trace.failure?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  // Recorded (§8): MOCK integrations return no X-Amzn-Trace-Id.
  it('the MOCK OPTIONS method answers the preflight', async () => {
    const res = await send(`${fx.url}/prod/greet`, {
      method: 'OPTIONS',
      headers: [
        ['Origin', 'http://example.com'],
        ['Access-Control-Request-Method', 'POST'],
      ],
    });
    expect(res.status).toBe(204);
    expect(res.header('Access-Control-Allow-Origin')).toBe('*');
    expect(res.header('Access-Control-Allow-Methods')).toBe('POST,OPTIONS');
    expect(res.header('X-Amzn-Trace-Id')).toBeUndefined();
  });
});
