import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks, staticRules } from '../../src/doctor/registry.js';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { doctorFixture } from './fixture-path.js';

// Each static check against a fixture that breaks its rule (../shared/aws/api-gateway.md and lambda.md name the
// AWS behaviour behind each rule; the check files cite them), and the clean fixture, where every check has
// something to look at and nothing to report.

interface Case {
  readonly fixture: string;
  readonly ruleId: string;
  readonly severities: readonly string[];
  /** file:line of the primary location of each finding, in order. */
  readonly at: readonly string[];
  readonly message: RegExp;
}

const cases: readonly Case[] = [
  {
    // §5.1: the client gets base64 text unless the Accept type is listed.
    fixture: 'binary-media-type-missing',
    ruleId: 'binary-media-type-missing',
    severities: ['error'],
    at: ['logo.mjs:3'],
    message: /image\/png is not in BinaryMediaTypes of REST API Api \(application\/pdf\)/,
  },
  {
    // §5.1: only the first Accept type counts; browsers' <img> Accept starts with image/avif.
    fixture: 'binary-media-type-browser-accept',
    ruleId: 'binary-media-type-browser-accept',
    severities: ['warning'],
    at: ['template.yaml:16'],
    message: /starts its Accept with image\/avif or image\/webp/,
  },
  {
    // §2.5: */* makes JSON request bodies arrive base64.
    fixture: 'binary-media-types-wildcard',
    ruleId: 'binary-media-types-wildcard',
    severities: ['warning'],
    at: ['template.yaml:18'],
    message: /lists \*\/\* in BinaryMediaTypes.*parses event\.body as JSON/,
  },
  {
    fixture: 'proxy-mapping-template',
    ruleId: 'proxy-mapping-template',
    severities: ['warning'],
    at: ['template.yaml:26'],
    message: /GET \/items uses an aws_proxy integration with requestTemplates/,
  },
  {
    // §7: the integration timeout answers 504 while the function keeps running.
    fixture: 'integration-timeout',
    ruleId: 'integration-timeout-shorter-than-function',
    severities: ['warning', 'warning'],
    at: ['template.yaml:31', 'template.yaml:21'],
    message: /may run \d+ s \(Timeout\), but GET \/\w+ \(REST API Api\) waits only \d+ ms/,
  },
  {
    // how-to-cors.html: the preflight needs an OPTIONS method; PUT is always preflighted.
    fixture: 'cors-preflight-missing',
    ruleId: 'cors-preflight-missing',
    severities: ['error', 'warning'],
    at: ['template.yaml:22', 'template.yaml:25'],
    message: /sets Access-Control-Allow-Origin for (PUT|GET) \/items.*has no OPTIONS method/,
  },
  {
    // lambda.md §4.6: Runtime.ImportModuleError.
    fixture: 'handler-not-found',
    ruleId: 'handler-not-found',
    severities: ['error'],
    at: ['template.yaml:15'],
    message: /points at handlers\/hello.*Runtime\.ImportModuleError/,
  },
  {
    // lambda.md §4.5: Runtime.HandlerNotFound.
    fixture: 'handler-export-missing',
    ruleId: 'handler-export-missing',
    severities: ['error'],
    at: ['hello.mjs:1'],
    message: /src\/hello\.mjs does not export handler.*Runtime\.HandlerNotFound/,
  },
  {
    // lambda.md §4.9: .ts is never loaded without a build.
    fixture: 'typescript-handler-without-build',
    ruleId: 'typescript-handler-without-build',
    severities: ['error'],
    at: ['template.yaml:12'],
    message: /TypeScript file src\/app\.ts/,
  },
  {
    // §4.1: body must be a string.
    fixture: 'proxy-body-object',
    ruleId: 'proxy-body-object',
    severities: ['error'],
    at: ['report.mjs:4'],
    message: /returns body as an object/,
  },
  {
    // §4.1: unknown keys (cookies is HTTP API 2.0's) are a 502.
    fixture: 'proxy-cookies-rest',
    ruleId: 'proxy-cookies-rest',
    severities: ['error'],
    at: ['login.mjs:3'],
    message: /returns a cookies key behind POST \/login/,
  },
  {
    // lambda.md §4.3: only CodeUri is deployed; "type" decides how .js loads.
    fixture: 'package-json-above-code-uri',
    ruleId: 'package-json-above-code-uri',
    severities: ['warning'],
    at: ['package.json:1'],
    message: /package\.json \("type": "module"\) decides locally how src\/app\.js loads/,
  },
  {
    fixture: 'not-emulated',
    ruleId: 'not-emulated',
    severities: ['info'],
    at: ['template.yaml:6'],
    message: /UploadsBucket \(AWS::S3::Bucket\): not emulated/,
  },
  {
    fixture: 'template-error',
    ruleId: 'template-error',
    severities: ['error'],
    at: ['template.yaml:16'],
    message: /Timout: unknown property Timout of AWS::Serverless::Function; did you mean Timeout\?/,
  },
];

describe.concurrent('gatehouse doctor: static checks', () => {
  it.each(cases)('$ruleId: reports $fixture at the line to change', async ({ fixture, ruleId, severities, at, message }) => {
    // Act
    const report = await runDoctor({ template: doctorFixture(fixture) });
    // Assess
    expect(report.findings.map((f) => f.ruleId)).toEqual(severities.map(() => ruleId));
    expect(report.findings.map((f) => f.severity)).toEqual(severities);
    expect(report.findings.map((f) => `${basename(f.locations[0]?.file ?? '')}:${f.locations[0]?.line}`)).toEqual(at);
    for (const finding of report.findings) {
      expect(finding.message).toMatch(message);
      expect(finding.fix).not.toBe('');
      expect(finding.docs).toMatch(/^https:\/\//);
    }
  });

  it('reports nothing for the clean fixture', async () => {
    // Act
    const report = await runDoctor({ template: doctorFixture('clean') });
    // Assess
    expect(report.findings).toEqual([]);
  });

  it('has a fixture for every rule', () => {
    const covered = new Set(cases.map((c) => c.ruleId));
    const uncovered = staticRules.map((r) => r.id).filter((id) => !covered.has(id));
    expect(uncovered).toEqual([]);
    expect(checks.length + 1).toBe(staticRules.length);
  });
});

describe('gatehouse doctor: the fix names the AWS spelling', () => {
  it('suggests image~1png (and image~1* for browsers) for a missing image type', async () => {
    const report = await runDoctor({ template: doctorFixture('binary-media-type-missing') });
    expect(report.findings[0]?.fix).toMatch(/Add image~1png to BinaryMediaTypes of Api \(or image~1\*/);
    expect(report.findings[0]?.locations.map((l) => l.label)).toEqual([
      'Content-Type image/png',
      'isBase64Encoded: true',
      'Resources.Api.Properties.BinaryMediaTypes',
    ]);
  });

  it('points the integration timeout at TimeoutInMillis when it is written', async () => {
    const report = await runDoctor({ template: doctorFixture('integration-timeout') });
    expect(report.findings[0]?.locations.map((l) => l.label)).toEqual([
      'Resources.ExportFunction.Properties.Timeout',
      'Resources.ExportFunction.Properties.Events.Export.Properties.TimeoutInMillis',
    ]);
  });
});
