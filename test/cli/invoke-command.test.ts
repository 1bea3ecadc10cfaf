import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import { runCli } from './support/run-cli.js';

// `gatehouse invoke`, as `sam local invoke`, run as a real child process with real handler processes.
// Assumption: the CLI runs from its TypeScript sources through test/cli/support/register-ts.mjs (esbuild
// transpiles on load), so this suite needs no `npm run build` first and passes the same with or without dist/.
// Facts: ../shared/aws/lambda.md §3 (what the Invoke caller sees) and §7 (log lines); CLI contract: issue 3.
const PROJECT = fileURLToPath(new URL('../fixtures/projects/lambda-functions/', import.meta.url));
const TEMPLATE = join(PROJECT, 'template.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-invoke-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// Each test spawns its own CLI process and writes its own scratch files, so they run concurrently.
describe.concurrent('gatehouse invoke: results', () => {
  // sam local invoke: the payload on stdout, the function's log on stderr (START/END/REPORT, lambda.md §7.1, and
  // console lines as `<time>\t<requestId>\tINFO\t<message>`, §7.2).
  it('prints the payload of an --event file on stdout and the log on stderr', async ({ expect }) => {
    // Prepare
    const event = scratchFile('event.json', '{"name":"file"}');
    // Act
    const run = await runCli(['invoke', 'EchoFunction', '--template', TEMPLATE, '--event', event]);
    // Assess
    expect(run.code).toBe(0);
    const stdout = run.stdout.toString('utf8');
    expect(stdout.endsWith('}\n')).toBe(true);
    const payload = JSON.parse(stdout) as { event: unknown; requestId: string };
    expect(payload.event).toEqual({ name: 'file' });
    expect(run.stderr).toMatch(new RegExp(`^START RequestId: ${payload.requestId} Version: \\$LATEST$`, 'm'));
    expect(run.stderr).toMatch(new RegExp(`\\t${payload.requestId}\\tINFO\\techo received {"name":"file"}$`, 'm'));
    expect(run.stderr).toMatch(new RegExp(`^END RequestId: ${payload.requestId}$`, 'm'));
    // A single cold invoke: the REPORT line carries Init Duration (lambda.md §7.1).
    expect(run.stderr).toMatch(new RegExp(`^REPORT RequestId: ${payload.requestId}\\tDuration: .*\\tInit Duration: `, 'm'));
  });

  it('reads the event from stdin with --event -', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'EchoFunction', '--template', TEMPLATE, '--event', '-'], { stdin: '{"name":"stdin"}' });
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({ event: { name: 'stdin' } });
  });

  // sam local invoke without --event invokes with `{}`.
  it('invokes with {} when no --event is given, and accepts the FunctionName for the logical id', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'gatehouse-echo', '--template', TEMPLATE]);
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({ event: {} });
  });

  // lambda.md §3.1: a function error is still a completed invoke whose payload is the error document; issue 3:
  // exit 0 even when the function fails.
  it('exits 0 when the function fails and prints the error document', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'FailFunction', '--template', TEMPLATE]);
    // Assess
    expect(run.code).toBe(0);
    const payload = JSON.parse(run.stdout.toString('utf8')) as Record<string, unknown>;
    expect(payload).toMatchObject({ errorType: 'Error', errorMessage: 'something broke' });
    expect(Object.keys(payload)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(run.stderr).toMatch(new RegExp(`\\t${UUID}\\tERROR\\tabout to fail for no reason$`, 'm'));
  });

  // issue 3: --output json prints {StatusCode, FunctionError, LogResult, Payload}; LogResult is the base64 of the
  // last 4 KB of the log (lambda.md §3.2), FunctionError is "Unhandled" for every function error (§3.1).
  it('prints StatusCode, FunctionError, LogResult and Payload with --output json', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'FailFunction', '--template', TEMPLATE, '--output', 'json']);
    // Assess
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['StatusCode', 'FunctionError', 'LogResult', 'Payload']);
    expect(output).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled', Payload: { errorMessage: 'something broke' } });
    const log = Buffer.from(output.LogResult as string, 'base64').toString('utf8');
    expect(log).toMatch(new RegExp(`^START RequestId: ${UUID} Version: \\$LATEST\\n`));
    expect(log).toMatch(/\nREPORT RequestId: /);
  });

  it('leaves FunctionError out of --output json when the function succeeds', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'EchoFunction', '--template', TEMPLATE, '--output', 'json']);
    // Assess
    const output = JSON.parse(run.stdout.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['StatusCode', 'LogResult', 'Payload']);
    expect(output.Payload).toMatchObject({ event: {} });
  });

  // SAM: --parameter-overrides set template Parameters (here the one EchoFunction's GREETING is made of).
  it('applies --parameter-overrides', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'EchoFunction', '--template', TEMPLATE, '--parameter-overrides', 'Greeting=bonjour']);
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({ greeting: 'bonjour' });
  });

  // SAM: --env-vars {"<LogicalId>": {...}} overrides the function's Environment.Variables (issue 3).
  it('applies --env-vars over the template Environment', async ({ expect }) => {
    // Prepare
    const envVars = scratchFile('env.json', JSON.stringify({ EchoFunction: { GREETING: 'hej' } }));
    // Act
    const run = await runCli(['invoke', 'EchoFunction', '--template', TEMPLATE, '--env-vars', envVars]);
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({ greeting: 'hej' });
  });

  it('needs no function id when the template has exactly one function', async ({ expect }) => {
    // Prepare
    const template = scratchFile(
      'single.yaml',
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  OnlyFunction:',
        '    Type: AWS::Serverless::Function',
        `    Properties: { Runtime: nodejs20.x, Handler: echo.handler, CodeUri: ${JSON.stringify(join(PROJECT, 'src'))} }`,
        '',
      ].join('\n'),
    );
    // Act
    const run = await runCli(['invoke', '--template', template], { cwd: scratch });
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({
      invokedFunctionArn: expect.stringMatching(/:function:OnlyFunction$/),
    });
  });
});

describe.concurrent('gatehouse invoke: refusals', () => {
  it('exits 2 and lists the functions for an unknown function', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'NoSuchFunction', '--template', TEMPLATE]);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toContain('function "NoSuchFunction" not found');
    expect(run.stderr).toContain('functions: EchoFunction, FailFunction, MarkFunction, ThrottledFunction');
  });

  it('exits 2 and names the functions when the template has several and none is named', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', '--template', TEMPLATE]);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('functions: EchoFunction, FailFunction, MarkFunction, ThrottledFunction');
  });

  it('exits 2 with the template error for a broken template', async ({ expect }) => {
    // Prepare
    const template = scratchFile(
      'broken.yaml',
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  BrokenFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties: { Runtime: nodejs20.x, Handler: echo.handler, Timeout: ten }',
        '',
      ].join('\n'),
    );
    // Act
    const run = await runCli(['invoke', 'BrokenFunction', '--template', template]);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^gatehouse: template error: .*broken\.yaml:5:\d+ Resources\.BrokenFunction\.Properties\.Timeout/m,
    );
  });

  // The Invoke API refuses a non-JSON event (lambda.md §3.3), so the CLI refuses it before invoking.
  it('exits 2 for an event that is not JSON', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'EchoFunction', '--template', TEMPLATE, '--event', '-'], { stdin: 'not json' });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--event stdin is not JSON');
  });

  // lambda.md §1.10: ReservedConcurrentExecutions 0 throttles every invoke (429 TooManyRequestsException); that is a
  // service error, not a function result, so there is no payload and the exit code is 1.
  it('exits 1 naming TooManyRequestsException when the function is throttled', async ({ expect }) => {
    // Act
    const run = await runCli(['invoke', 'ThrottledFunction', '--template', TEMPLATE]);
    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toContain(
      'gatehouse: TooManyRequestsException: Rate Exceeded. (Reason: ReservedFunctionConcurrentInvocationLimitExceeded)',
    );
  });
});
