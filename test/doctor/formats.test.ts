import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/doctor/format/format-json.js';
import { formatSarif } from '../../src/doctor/format/format-sarif.js';
import { formatText } from '../../src/doctor/format/format-text.js';
import { type DoctorReport, runDoctor } from '../../src/doctor/run-doctor.js';
import { doctorFixture } from './fixture-path.js';

// The three report formats over the same findings. JSON is the schema docs/doctor.md documents; SARIF is checked
// against the parts of SARIF 2.1.0 code-scanning tools read (sarif-v2.1.0.html §3.13 sarifLog, §3.19 tool,
// §3.49 reportingDescriptor, §3.27 result, §3.28 location, §3.30 region).
const ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
const options = { version: '9.9.9', cwd: ROOT, probed: false };

async function report(fixture: string): Promise<DoctorReport> {
  return runDoctor({ template: doctorFixture(fixture) });
}

describe('gatehouse doctor --format text', () => {
  it('prints severity, rule, message, file:line:column, fix and docs, then a summary', async () => {
    const text = formatText(await report('cors-preflight-missing'), options);
    expect(text).toContain('gatehouse doctor: test/fixtures/doctor/cors-preflight-missing/template.yaml');
    expect(text).toMatch(/^error {3}cors-preflight-missing$/m);
    expect(text).toMatch(
      /^ {2}at {3}test\/fixtures\/doctor\/cors-preflight-missing\/template\.yaml:22:9 \(Resources\.ItemsFunction\.Properties\.Events\.PutItem\)$/m,
    );
    expect(text).toMatch(
      /^ {7}test\/fixtures\/doctor\/cors-preflight-missing\/src\/items\.mjs:3:15 \(Access-Control-Allow-Origin\)$/m,
    );
    expect(text).toMatch(/^ {2}fix {2}Add Cors to Api/m);
    expect(text).toMatch(/^ {2}docs https:\/\/docs\.aws\.amazon\.com\/apigateway\/latest\/developerguide\/how-to-cors\.html$/m);
    expect(text.trimEnd().split('\n').pop()).toBe('1 error, 1 warning, 0 info (13 checks).');
  });

  it('says so when there is nothing to report', async () => {
    expect(formatText(await report('clean'), options)).toMatch(/No problems found \(13 checks\)\.\n$/);
  });
});

describe('gatehouse doctor --format json', () => {
  it('follows the documented schema (version 1)', async () => {
    const document = JSON.parse(formatJson(await report('cors-preflight-missing'), options));
    expect(Object.keys(document)).toEqual(['schemaVersion', 'tool', 'template', 'probe', 'summary', 'findings']);
    expect(document).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'gatehouse doctor', version: '9.9.9' },
      template: 'test/fixtures/doctor/cors-preflight-missing/template.yaml',
      probe: null,
      summary: { errors: 1, warnings: 1, info: 0, exitCode: 1 },
    });
    expect(document.findings[0]).toEqual({
      ruleId: 'cors-preflight-missing',
      severity: 'error',
      message: expect.stringContaining('PUT /items/{id}'),
      fix: expect.stringContaining('Add Cors to Api'),
      docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html',
      locations: [
        {
          file: 'test/fixtures/doctor/cors-preflight-missing/template.yaml',
          line: 22,
          column: 9,
          label: 'Resources.ItemsFunction.Properties.Events.PutItem',
        },
        {
          file: 'test/fixtures/doctor/cors-preflight-missing/src/items.mjs',
          line: 3,
          column: 15,
          label: 'Access-Control-Allow-Origin',
        },
      ],
    });
  });
});

describe('gatehouse doctor --format sarif', () => {
  it('writes a SARIF 2.1.0 log: rules in tool.driver, results with ruleId, level, message and physical locations', async () => {
    // Act
    const log = JSON.parse(formatSarif(await report('cors-preflight-missing'), options));
    // Assess
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver).toMatchObject({ name: 'gatehouse doctor', version: '9.9.9' });
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule).toEqual({
        id: expect.any(String),
        shortDescription: { text: expect.any(String) },
        helpUri: expect.stringMatching(/^https:\/\//),
        defaultConfiguration: { level: expect.stringMatching(/^(error|warning|note)$/) },
      });
    }
    expect(run.originalUriBaseIds.SRCROOT.uri).toMatch(/^file:\/\/\/.*\/$/);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning']);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.message.text).toMatch(/\nFix: /);
      expect(result.locations).toHaveLength(1);
      for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) {
        const { artifactLocation, region } = location.physicalLocation;
        expect(artifactLocation).toEqual({ uri: expect.stringMatching(/^test\/fixtures\/doctor\//), uriBaseId: 'SRCROOT' });
        expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
      }
    }
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/fixtures/doctor/cors-preflight-missing/template.yaml', uriBaseId: 'SRCROOT' },
      region: { startLine: 22, startColumn: 9 },
    });
  });

  it('uses level note for info findings and omits the region when the line is unknown', async () => {
    const sarif = JSON.parse(
      formatSarif(
        {
          template: '/elsewhere/template.yaml',
          probedRequests: 0,
          findings: [
            {
              ruleId: 'not-emulated',
              severity: 'info',
              message: 'X (AWS::S3::Bucket): not emulated',
              fix: 'none',
              docs: 'https://docs.aws.amazon.com/',
              locations: [{ file: '/elsewhere/template.yaml', line: 0, column: 0 }],
            },
          ],
        },
        options,
      ),
    );
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'not-emulated', level: 'note' });
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'file:///elsewhere/template.yaml' },
    });
  });
});
