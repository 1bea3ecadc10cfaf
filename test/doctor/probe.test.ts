import { describe, expect, it } from 'vitest';
import { listProbeRoutes, sampleRequestsFor } from '../../src/doctor/probe/sample-requests.js';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { runCli } from '../cli/support/run-cli.js';
import { doctorFixture } from './fixture-path.js';

// --probe starts the API (port 0) and sends every route a browser navigation, a browser <img> load and a JSON
// call. The fixture has a binary route listing only image/png (browsers' <img> Accept starts with image/avif:
// base64 text, ../shared/aws/api-gateway.md §5.1) and a handler whose response has a key REST proxy responses do
// not allow (502, §4.1), which the static checks cannot see.
describe('gatehouse doctor --probe', () => {
  it('reports the base64 image and the malformed response, with the explanation', async () => {
    // Act
    const report = await runDoctor({ template: doctorFixture('probe'), probe: true });
    // Assess
    expect(report.probedRequests).toBe(6);
    const byRule = new Map(report.findings.map((f) => [f.ruleId, f]));
    const base64 = byRule.get('probe/BASE64_TEXT_INSTEAD_OF_BINARY');
    expect(base64?.severity).toBe('error');
    expect(base64?.message).toMatch(/^GET \/dev\/logo\.png \(REST API Api, GET \/logo\.png\) as a browser image: .*image\/avif/);
    expect(base64?.probe).toMatchObject({ status: 200, request: expect.stringContaining('Accept: image/avif,image/webp') });
    expect(base64?.locations[0]?.label).toBe('Resources.Api.Properties.BinaryMediaTypes');
    const malformed = byRule.get('probe/LAMBDA_PROXY_MALFORMED_RESPONSE');
    expect(malformed?.severity).toBe('error');
    expect(malformed?.message).toMatch(/GET \/dev\/status\/sample-name .* answered 502: .*unknown key "ok"/);
    expect(malformed?.probe?.explanation).toMatch(/✖ 502 Malformed Lambda proxy response/);
    expect(malformed?.locations.at(-1)).toMatchObject({ file: expect.stringMatching(/status\.mjs$/), label: 'export handler' });
    // The static finding for the same route is still there.
    expect(byRule.get('binary-media-type-browser-accept')?.severity).toBe('warning');
  });

  it('exits 1 on the CLI and lists the probe rules in SARIF', async () => {
    const run = await runCli(['doctor', '--template', doctorFixture('probe'), '--probe', '--format', 'sarif']);
    expect(run.code).toBe(1);
    const [sarifRun] = JSON.parse(run.stdout.toString('utf8')).runs;
    const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toEqual(
      expect.arrayContaining(['probe/BASE64_TEXT_INSTEAD_OF_BINARY', 'probe/LAMBDA_PROXY_MALFORMED_RESPONSE']),
    );
    for (const result of sarifRun.results) expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
  });

  it('fills path parameters and sends the Accept headers browsers send', async () => {
    const { loadSamTemplate } = await import('../../src/config/index.js');
    const routes = listProbeRoutes(await loadSamTemplate(doctorFixture('probe')));
    const status = routes.find((r) => r.path === '/status/{name}');
    expect(status).toBeDefined();
    const samples = sampleRequestsFor(status as NonNullable<typeof status>);
    expect(samples.map((s) => [s.client, s.target, s.headers.Accept])).toEqual([
      ['browser page', '/dev/status/sample-name', expect.stringMatching(/^text\/html,/)],
      ['browser image', '/dev/status/sample-name', expect.stringMatching(/^image\/avif,image\/webp,/)],
      ['JSON client', '/dev/status/sample-name', 'application/json'],
    ]);
  });
});
