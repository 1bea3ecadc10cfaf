import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startCli } from '../support/cli.js';
import { fixtureTemplate } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// `gatehouse start --log-level debug | --log-format json | --access-log FILE`, as a user runs it.
const example = fileURLToPath(new URL('../../examples/binary-images/template.yaml', import.meta.url));
const urlOf = (output: string) => /Index: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] as string;

describe('gatehouse start logs', () => {
  it('prints execution-log lines with --log-level debug and writes access logs to --access-log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-logs-'));
    const accessLog = join(dir, 'access.log');
    const args = ['start', '--template', fixtureTemplate('access-logs'), '--port', '0', '--no-watch'];
    const { child, output } = await startCli([...args, '--log-level', 'debug', '--access-log', accessLog], /Press Ctrl\+C/);
    try {
      expect(output()).toMatch(/Inspector: http:\/\/127\.0\.0\.1:\d+\/_gatehouse\/inspector\//);
      const res = await send(`${urlOf(output())}/logged/echo`);
      const id = res.header('x-amzn-RequestId') as string;
      await expect.poll(output).toContain(`(${id}) Method completed with status: 200`);
      expect(output()).toContain(`(${id}) Starting execution for request: ${id}\n(${id}) HTTP Method: GET, Resource Path: /echo`);
      await expect.poll(() => readFile(accessLog, 'utf8').catch(() => '')).toContain(`"requestId":"${id}"`);
      expect(output()).not.toContain('access logged {');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('prints one JSON object per line for requests, explanations and function logs with --log-format json', async () => {
    const args = ['start', '--template', example, '--port', '0', '--no-watch', '--log-format', 'json'];
    const { child, output } = await startCli(args, /Press Ctrl\+C/);
    try {
      await send(`${urlOf(output())}/fixed/report`);
      await expect.poll(output).toContain('"type":"explanation"');
      await expect.poll(output).toContain('"type":"function-log"');
      const records = output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(records.find((r) => r.type === 'request')).toMatchObject({
        method: 'GET',
        path: '/fixed/report',
        status: 502,
        function: 'ReportFunction',
        failure: 'LAMBDA_PROXY_MALFORMED_RESPONSE',
      });
      expect(records.find((r) => r.type === 'explanation')).toMatchObject({
        severity: 'error',
        code: 'LAMBDA_PROXY_MALFORMED_RESPONSE',
        detail: expect.stringContaining('body is an object'),
        handler: expect.stringMatching(/report\.mjs:2/),
      });
      expect(records.some((r) => r.type === 'function-log' && r.function === 'ReportFunction')).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
