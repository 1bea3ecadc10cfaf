import { describe, expect, it } from 'vitest';
import type { AccessLogLine, Exchange } from '../../src/index.js';
import { executionLogOf } from '../../src/logs/execution-log.js';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// Access logs from AccessLogSetting (REST, AWS::Serverless::Api) and AccessLogSettings (HTTP API), and the
// execution log lines `--log-level debug` prints (../shared/aws/api-gateway.md §10).
const logged: { entry: AccessLogLine; exchange: Exchange }[] = [];
const fx = useFixtureGateway('access-logs', { onAccessLog: (entry, exchange) => logged.push({ entry, exchange }) });

/** Sends a request to a logged stage and returns its access-log entry (written right after the response). */
async function request(path: string): Promise<{ entry: AccessLogLine; exchange: Exchange }> {
  const before = logged.length;
  await send(`${fx.url}${path}`);
  await expect.poll(() => logged.length).toBe(before + 1);
  return logged[before] as { entry: AccessLogLine; exchange: Exchange };
}

describe('access logs', () => {
  it('reads AccessLogSetting into the REST stage', () => {
    const api = fx.gateway.model.restApis.find((a) => a.logicalId === 'LoggedApi');
    expect(api?.stages[0]?.accessLogSetting?.destinationArn).toBe(
      'arn:aws:logs:us-east-1:123456789012:log-group:logged-api-access',
    );
    expect(api?.stages[0]?.accessLogSetting?.format).toContain('$context.requestId');
  });

  it('writes the REST stage JSON format for a success', async () => {
    const { entry, exchange } = await request('/logged/echo?a=1');
    // Without an error, $context.error.messageString is `-` like any empty variable, unquoted: the format's
    // author must allow for it (inferred from the "-" rule; no recording).
    expect(entry.line).toContain('"error":-,');
    const line = JSON.parse(entry.line.replace('"error":-,', '"error":"-",')) as Record<string, string>;
    expect(line).toMatchObject({
      requestId: exchange.trace.requestId,
      ip: '127.0.0.1',
      httpMethod: 'GET',
      resourcePath: '/echo',
      path: '/logged/echo',
      status: '200',
      protocol: 'HTTP/1.1',
      responseLength: String(exchange.response.body.length),
      integrationStatus: '200',
      error: '-',
      responseType: '-',
      stage: 'logged',
      apiId: fx.gateway.model.restApis.find((a) => a.logicalId === 'LoggedApi')?.id,
    });
    expect(line.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Number(line.integrationLatency)).toBeGreaterThanOrEqual(0);
  });

  it('names the gateway response of a 502 and of a 403 the stage answered itself', async () => {
    const failed = JSON.parse((await request('/logged/fail/throw')).entry.line) as Record<string, string>;
    expect(failed).toMatchObject({ status: '502', error: 'Internal server error', responseType: 'DEFAULT_5XX' });
    const missing = JSON.parse((await request('/logged/nope')).entry.line) as Record<string, string>;
    expect(missing).toMatchObject({
      status: '403',
      resourcePath: '-',
      integrationStatus: '-',
      error: 'Missing Authentication Token',
      responseType: 'MISSING_AUTHENTICATION_TOKEN',
    });
  });

  // AWS (http-api-troubleshooting-lambda.html): $context.integrationErrorMessage says why an HTTP API answered 500.
  it('writes the HTTP API CLF format with the integration error message', async () => {
    const ok = await request('/h/echo');
    expect(ok.entry.line).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET GET \/echo HTTP\/1\.1" 200 \d+ [A-Za-z0-9_-]{15}= -$/);
    const failed = await request('/h/fail/throw');
    expect(failed.entry.line).toMatch(/" 500 35 [A-Za-z0-9_-]{15}= Error: something broke$/);
  });

  it('writes nothing for a stage without AccessLogSetting, or a request that names no stage', async () => {
    const before = logged.length;
    await send(`${fx.url}/quiet/echo`);
    await send(`${fx.url}/nostage/echo`);
    await send(`${fx.url}/logged/echo`);
    await expect.poll(() => logged.length).toBe(before + 1);
    expect(logged.at(-1)?.entry.stage.stage).toBe('logged');
  });
});

describe('execution log', () => {
  it('prefixes every line with the request id, from Starting execution to Method completed', async () => {
    const { exchange } = await request('/logged/echo');
    const log = executionLogOf(exchange);
    const id = exchange.trace.requestId;
    expect(log.kind).toBe('aws');
    expect(log.lines[0]).toBe(`(${id}) Starting execution for request: ${id}`);
    expect(log.lines[1]).toBe(`(${id}) HTTP Method: GET, Resource Path: /echo`);
    expect(log.lines).toContain(`(${id}) Successfully completed execution`);
    expect(log.lines.at(-1)).toBe(`(${id}) Method completed with status: 200`);
    expect(log.lines.every((line) => line.startsWith(`(${id}) `))).toBe(true);
  });

  it('names the function error and the 502 for a function that throws', async () => {
    const { exchange } = await request('/logged/fail/throw');
    const lines = executionLogOf(exchange).lines.map((l) => l.replace(/^\([^)]+\) /, ''));
    expect(
      lines.some((l) => /^Lambda execution failed with status 200 due to customer function error: something broke\./.test(l)),
    ).toBe(true);
    expect(lines.at(-1)).toBe('Method completed with status: 502');
  });

  it('gives HTTP APIs (which write no execution log) the integration error message', async () => {
    const { exchange } = await request('/h/fail/throw');
    const log = executionLogOf(exchange);
    expect(log.kind).toBe('gatehouse');
    expect(log.lines.at(-1)).toMatch(/^\([A-Za-z0-9_-]{15}=\) integrationErrorMessage: Error: something broke$/);
  });
});
