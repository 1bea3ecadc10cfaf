import { describe, it } from 'vitest';
import { runDoctorCommand } from '../../src/cli/doctor.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { exitCodeFor, runDoctor } from '../../src/doctor/run-doctor.js';
import { runCli } from '../cli/support/run-cli.js';
import { doctorFixture } from './fixture-path.js';

// `gatehouse doctor` as a child process (from the TypeScript sources, as test/cli does). Exit codes: 1 when
// any finding is an error (a template that does not load included), 0 otherwise, 2 for bad arguments.
describe.concurrent('gatehouse doctor: exit codes and output', () => {
  it('exits 0 and says so when nothing is wrong', async ({ expect }) => {
    const run = await runCli(['doctor', '--template', doctorFixture('clean')]);
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toMatch(/No problems found/);
  });

  it('exits 1 when a finding is an error', async ({ expect }) => {
    const run = await runCli(['doctor', '--template', doctorFixture('proxy-body-object')]);
    expect(run.code).toBe(1);
    expect(run.stdout.toString('utf8')).toMatch(/^error {3}proxy-body-object$/m);
  });

  it('reports a template that does not load as a finding with its location and exits 1', async ({ expect }) => {
    const run = await runCli(['doctor', '--template', doctorFixture('template-error'), '--format', 'sarif']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout.toString('utf8')).runs[0].results[0];
    expect(result).toMatchObject({ ruleId: 'template-error', level: 'error' });
    expect(result.message.text).toMatch(/did you mean Timeout\?/);
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/fixtures/doctor/template-error/template.yaml', uriBaseId: 'SRCROOT' },
      region: { startLine: 16, startColumn: 7 },
    });
  });

  it('exits 2 for a bad argument, with nothing on stdout', async ({ expect }) => {
    const run = await runCli(['doctor', '--template', doctorFixture('clean'), '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--format must be text, json or sarif, got "xml"/);
    expect(run.stdout.toString('utf8')).toBe('');
  });

  it('is listed in the usage', async ({ expect }) => {
    const run = await runCli(['--help']);
    expect(run.stdout.toString('utf8')).toMatch(
      /gatehouse doctor \[--template template\.yaml\] \[--probe\] \[--format text\|json\|sarif\]/,
    );
  });
});

// In process: the refusals main.ts turns into exit 2 (UsageError), and the exit code of warnings.
describe('gatehouse doctor: arguments and exit code rules', () => {
  it.for([
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--template', 'no-such-template.yaml'], /--template no-such-template\.yaml: no such file/],
  ] as const)('refuses %j as a usage error', async ([args, message], { expect }) => {
    await expect(runDoctorCommand([...args])).rejects.toSatisfy((e) => e instanceof UsageError && message.test(e.message));
  });

  it('exits 0 when there are only warnings', async ({ expect }) => {
    const report = await runDoctor({ template: doctorFixture('integration-timeout') });
    expect(report.findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(exitCodeFor(report.findings)).toBe(0);
  });
});
