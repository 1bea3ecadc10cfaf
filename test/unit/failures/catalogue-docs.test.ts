import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { failures } from '../../../src/failures/catalogue.js';
import { renderFailuresMarkdown } from '../../../src/failures/failures-markdown.js';

describe('the failure catalogue and docs/failures.md', () => {
  it('are the same (run `npm run docs:failures` after changing the catalogue)', async () => {
    const committed = await readFile(new URL('../../../docs/failures.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderFailuresMarkdown());
  });

  it('gives every gateway answer a status, an exact body and an AWS doc link', () => {
    for (const [code, spec] of Object.entries(failures)) {
      expect(spec.docs, code).toMatch(/^https:\/\//);
      if (spec.kind === 'gateway') {
        expect('status' in spec && spec.status, code).toBeGreaterThanOrEqual(400);
        expect('body' in spec && JSON.parse(spec.body), code).toHaveProperty('message');
      }
    }
  });
});
