import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { send } from '../support/http-client.js';

// `gatehouse start` as a user runs it (the built CLI in a child process).
const example = fileURLToPath(new URL('../../examples/binary-images/template.yaml', import.meta.url));

describe('gatehouse start', () => {
  it('prints every API, stage and route URL, serves them, and explains a gateway-made answer', async () => {
    const { child, output } = await startCli(['start', '--template', example, '--port', '0'], /Press Ctrl\+C/);
    try {
      const url = /Index: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output())?.[1] as string;
      expect(output()).toContain('REST API FixedApi');
      expect(output()).toMatch(/GET +http:\/\/127\.0\.0\.1:\d+\/broken\/logo\.png +→ LogoFunction/);
      expect((await send(`${url}/fixed/report`)).status).toBe(502);
      await expect.poll(output).toContain('✖ 502 Malformed Lambda proxy response');
      expect(output()).toMatch(/GET \/fixed\/report 502 [\d.]+ ms cold/);
      expect(output()).toMatch(/ReportFunction REPORT RequestId: [0-9a-f-]{36}\tDuration/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('stops with file, line and key on a broken template, exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-start-'));
    const file = join(dir, 'template.yaml');
    await writeFile(
      file,
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Handeler: app.handler',
        '      Runtime: nodejs20.x',
        '',
      ].join('\n'),
    );
    const run = await runCli(['start', '--port', '0'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/template\.yaml:6:7 Resources\.Fn\.Properties\.Handeler: .*Handler/);
  });

  it('refuses a bad port with exit code 2', async () => {
    const run = await runCli(['start', '--template', example, '--port', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a port number');
  });
});
