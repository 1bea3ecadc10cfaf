import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './support/run-cli.js';

// `gatehouse start-lambda`, as `sam local start-lambda`, run as a real child process (from its TypeScript sources
// through test/cli/support/register-ts.mjs, so no `npm run build` is needed) and driven by @aws-sdk/client-lambda.
// Facts: ../shared/aws/lambda.md §3; the Invoke API itself is covered by test/lambda-service/invoke-api.test.ts.
const TEMPLATE = fileURLToPath(new URL('../fixtures/projects/lambda-functions/template.yaml', import.meta.url));

describe('gatehouse start-lambda', () => {
  it('prints its endpoint and functions, serves Invoke to the AWS SDK, and stops on SIGTERM', async () => {
    // Prepare
    const child = spawnCli(['start-lambda', '--template', TEMPLATE, '--port', '0']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = once(child, 'exit');
    try {
      await expect.poll(() => /Endpoint: (http:\/\/\S+)/.exec(stdout)?.[1], { timeout: 10_000 }).toBeDefined();
      const endpoint = /Endpoint: (http:\/\/\S+)/.exec(stdout)?.[1] as string;
      const client = new LambdaClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1,
      });
      // Act
      const output = await client.send(
        new InvokeCommand({ FunctionName: 'EchoFunction', Payload: Buffer.from('{"via":"sdk"}') }),
      );
      const missing = await client.send(new InvokeCommand({ FunctionName: 'Nope' })).catch((error: unknown) => error);
      client.destroy();
      // Assess
      expect(stdout).toContain('EchoFunction (FunctionName gatehouse-echo)');
      expect(stdout).toContain('  FailFunction\n');
      expect(output.StatusCode).toBe(200);
      expect(JSON.parse(Buffer.from(output.Payload ?? []).toString('utf8'))).toMatchObject({ event: { via: 'sdk' } });
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
      // The function's log goes to stderr, labelled with the function name.
      await expect.poll(() => stderr, { timeout: 5000 }).toMatch(/gatehouse-echo REPORT RequestId: /);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('exits 2 for a bad port', async () => {
    // Act
    const run = await runCli(['start-lambda', '--template', TEMPLATE, '--port', 'many']);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a port number, got "many"');
  });
});
