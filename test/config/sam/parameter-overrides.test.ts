import { describe, expect, it } from 'vitest';
import { loadSamTemplate, TemplateError } from '../../../src/config/index.js';
import { relativeTemplate, templatePath } from './fixtures.js';

// AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
describe('Parameters and --parameter-overrides', () => {
  it('uses Default when there is no override, and the override when there is', async () => {
    const byDefault = await loadSamTemplate(templatePath('intrinsics-short.yaml'));
    const overridden = await loadSamTemplate(templatePath('intrinsics-short.yaml'), {
      parameterOverrides: { Stage: 'prod', Origins: 'x.example.com,y.example.com' },
    });
    expect(byDefault.functions[0]?.functionName).toBe('local-api-dev');
    expect(overridden.functions[0]?.functionName).toBe('local-api-prod');
    expect(overridden.functions[0]?.environment.FIRST_ORIGIN).toBe('x.example.com');
  });

  it('checks an override against AllowedValues', async () => {
    const file = relativeTemplate('intrinsics-short.yaml');
    const error = await loadSamTemplate(file, { parameterOverrides: { Stage: 'qa' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(String(error)).toBe(
      `${file}:4:3 Parameters.Stage: value "qa" (from --parameter-overrides) is not one of AllowedValues [dev, prod]`,
    );
  });

  it('checks that a Number parameter gets a number', async () => {
    const file = relativeTemplate('intrinsics-short.yaml');
    const error = await loadSamTemplate(file, { parameterOverrides: { MemoryMb: 'lots' } }).catch((e: unknown) => e);
    expect(String(error)).toBe(`${file}:8:3 Parameters.MemoryMb: value "lots" (from --parameter-overrides) is not a number`);
  });

  it('rejects an override for a parameter the template does not declare, suggesting the closest', async () => {
    const file = relativeTemplate('intrinsics-short.yaml');
    const error = await loadSamTemplate(file, { parameterOverrides: { Stag: 'prod' } }).catch((e: unknown) => e);
    expect(String(error)).toBe(
      `${file}:3:1 Parameters: parameter override Stag matches no parameter in the template; did you mean Stage?`,
    );
  });
});
