import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeploymentReport, type StartedGateway, startGateway } from '../../src/index.js';
import { copyProject, eventually, type ProjectCopy } from '../build/project-copy.js';

// Deployments. AWS: a stage serves one deployment, an immutable snapshot; changes to routes, integrations and API
// settings such as binaryMediaTypes reach it only through a new deployment, while stage settings (variables,
// cache, throttling) apply at once (documented: set-up-deployments.html, updating-api.html; recorded: the binary
// test had to create new deployments after patching binaryMediaTypes, ../shared/aws/api-gateway.md §1).
// gatehouse's default developer mode deploys every valid template change at once and says what changed.
const PNG_ACCEPT = { Accept: 'image/png' };

describe('template changes in auto (developer) mode', () => {
  let project: ProjectCopy;
  let gw: StartedGateway;
  const reports: DeploymentReport[] = [];
  const next = (kind: DeploymentReport['kind'], after: number) => () => reports.slice(after).find((r) => r.kind === kind);

  beforeAll(async () => {
    project = await copyProject('stage-settings');
    gw = await startGateway({ template: project.template, watchTemplate: true, onDeployment: (r) => reports.push(r) });
  });
  afterAll(async () => {
    await gw?.close();
    await project?.remove();
  });

  it('deploys a fixed binaryMediaTypes at once and says what changed for which stage', async () => {
    expect((await gw.inject({ path: '/plain/logo.png', headers: PNG_ACCEPT })).explanation).toContain('base64 text');
    const before = reports.length;
    await project.edit(
      'template.yaml',
      '      StageName: plain\n',
      '      StageName: plain\n      BinaryMediaTypes: [image~1png]\n',
    );
    const report = await eventually(next('template-applied', before), 'the template to be deployed');
    expect(report.kind === 'template-applied' && report.change.deployed.map((d) => [d.stages, d.changes])).toEqual([
      [['plain'], ['binaryMediaTypes changed [] → [image/png]']],
    ]);
    const fixed = await gw.inject({ path: '/plain/logo.png', headers: PNG_ACCEPT });
    expect(fixed.body.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect(fixed.explanation).toBeUndefined();
  });

  it('keeps the previous deployment serving a broken template, and says why with file:line', async () => {
    const before = reports.length;
    await project.edit('template.yaml', 'Path: /count, Method: get', 'Path: count, Method: get');
    const report = await eventually(next('template-error', before), 'the template error');
    expect(report.kind === 'template-error' && report.message).toMatch(/template\.yaml:\d+:\d+ .*Path must start with \//);
    expect((await gw.inject({ path: '/plain/count' })).status).toBe(200);
    expect(gw.gateway.deployments.status().templateError?.message).toMatch(/Path must start with/);
    const fixedAgain = reports.length;
    await project.edit('template.yaml', 'Path: count, Method: get', 'Path: /count, Method: get');
    await eventually(next('template-applied', fixedAgain), 'the repaired template');
    expect(gw.gateway.deployments.status().templateError).toBeNull();
  });

  it('applies a route added, and a function configuration change without calling it a deployment', async () => {
    const before = reports.length;
    await project.edit(
      'template.yaml',
      '        PlainCount:\n',
      '        PlainCountToo:\n          Type: Api\n          Properties: { RestApiId: !Ref PlainApi, Path: /count-too, Method: get }\n        PlainCount:\n',
    );
    const added = await eventually(next('template-applied', before), 'the added route');
    expect(added.kind === 'template-applied' && added.change.deployed[0]?.changes).toEqual(['1 route added (GET /count-too)']);
    expect((await gw.inject({ path: '/plain/count-too' })).status).toBe(200);
    const again = reports.length;
    await project.edit('template.yaml', '    Timeout: 5\n', '    Timeout: 6\n');
    const fn = await eventually(next('template-applied', again), 'the function change');
    expect(fn.kind === 'template-applied' && fn.change.functions).toEqual(['LogoFunction', 'CountFunction']);
    expect(fn.kind === 'template-applied' && fn.change.deployed).toEqual([]);
  });
});

describe('stage settings in manual mode', () => {
  let project: ProjectCopy;
  let gw: StartedGateway;
  const reports: DeploymentReport[] = [];

  beforeAll(async () => {
    project = await copyProject('stage-settings');
    gw = await startGateway({
      template: project.template,
      watchTemplate: true,
      deployMode: 'manual',
      onDeployment: (r) => reports.push(r),
    });
  });
  afterAll(async () => {
    await gw?.close();
    await project?.remove();
  });

  // updating-api.html: stage settings (here MethodSettings throttling) need no redeployment.
  it('applies a changed throttle at once, while an API change waits', async () => {
    await project.edit(
      'template.yaml',
      '          ThrottlingBurstLimit: 0\n          ThrottlingRateLimit: 0\n',
      '          ThrottlingBurstLimit: 10\n          ThrottlingRateLimit: 10\n',
    );
    const report = await eventually(() => reports.find((r) => r.kind === 'template-applied'), 'the reload');
    expect(report.kind === 'template-applied' && report.change.stageSettings).toEqual(['stage cached: MethodSettings changed']);
    expect(report.kind === 'template-applied' && report.change.deployed).toEqual([]);
    expect((await gw.inject({ path: '/cached/closed' })).status).toBe(200);
  });
});
