import { describe, expect, it } from 'vitest';
import { formatBuildLines, formatReloadLine } from '../../src/cli/terminal-reporter.js';
import { plain } from '../../src/failures/explain.js';

// What the terminal says about hot reloads and esbuild builds (plain, as when stdout is not a TTY).
const cwd = '/project';

describe('terminal: hot reload and builds', () => {
  it('names the changed file and the functions that start fresh environments', () => {
    // Act
    const line = formatReloadLine(
      {
        functionLogicalIds: ['ImageFunction', 'HelloFunction'],
        changedFile: '/project/src/app.mjs',
        changedFiles: ['/project/src/app.mjs'],
      },
      plain,
      cwd,
    );
    // Assess
    expect(line).toBe('↻ src/app.mjs changed: ImageFunction, HelloFunction will start fresh environments');
  });

  it('counts the other files changed at the same time', () => {
    const line = formatReloadLine(
      { functionLogicalIds: ['HelloFunction'], changedFile: '/project/src/a.mjs', changedFiles: ['/project/src/a.mjs', '/x'] },
      plain,
      cwd,
    );
    expect(line).toBe('↻ src/a.mjs (and 1 more) changed: HelloFunction will start fresh environments');
  });

  it('reports a failed build with file:line:column and the source line', () => {
    // Act
    const lines = formatBuildLines(
      {
        kind: 'failed',
        functionLogicalId: 'HelloFunction',
        ms: 12,
        errors: [
          {
            text: 'Unexpected ";"',
            file: '/project/hello/lib/greeting.ts',
            line: 7,
            column: 24,
            lineText: 'export const VERSION = ;',
          },
        ],
        warnings: [],
      },
      plain,
      cwd,
    );
    // Assess
    expect(lines).toEqual([
      '✘ HelloFunction: esbuild build failed; its invokes answer Gatehouse.BuildFailed until a change fixes it',
      '  ✘ hello/lib/greeting.ts:7:24: Unexpected ";"\n      7 │ export const VERSION = ;',
    ]);
  });

  it('reports a successful build with its time and warnings', () => {
    const lines = formatBuildLines(
      { kind: 'built', functionLogicalId: 'HelloFunction', ms: 31, warnings: [{ text: 'Top-level await is not available' }] },
      plain,
      cwd,
    );
    expect(lines).toEqual(['✔ HelloFunction built with esbuild in 31 ms', '  ▲ Top-level await is not available']);
  });
});
