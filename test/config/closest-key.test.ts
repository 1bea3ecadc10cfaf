import { describe, expect, it } from 'vitest';
import { editDistance, findClosestKey } from '../../src/config/sam/closest-key.js';

describe('did-you-mean suggestions', () => {
  it('measures edits', () => {
    expect(editDistance('Handeler', 'Handler')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it.each([
    ['Handeler', 'Handler'],
    ['timeout', 'Timeout'],
    ['CodeURI', 'CodeUri'],
    ['Enviroment', 'Environment'],
  ])('suggests %s → %s', (typo, expected) => {
    expect(findClosestKey(typo, ['Handler', 'Timeout', 'CodeUri', 'Environment'])).toBe(expected);
  });

  it('suggests the only known key a shortened key starts', () => {
    expect(findClosestKey('Cors', ['Auth', 'CorsConfiguration', 'Tags'])).toBe('CorsConfiguration');
    expect(findClosestKey('CorsConfig', ['Auth', 'CorsConfiguration', 'Tags'])).toBe('CorsConfiguration');
  });

  it('suggests nothing for a word that is not close', () => {
    expect(findClosestKey('Banana', ['Handler', 'Timeout'])).toBeUndefined();
  });
});
