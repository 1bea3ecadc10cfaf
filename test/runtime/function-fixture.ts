import { fileURLToPath } from 'node:url';
import type { FunctionSpec } from '../../src/model/function-spec.js';
import type { FunctionLogLine, InvokeResult } from '../../src/runtime/runtime.js';

/** A FunctionSpec for a folder under test/fixtures/functions/. */
export function fixtureFunction(folder: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    logicalId: overrides.logicalId ?? `${folder}.${overrides.handler ?? 'index.handler'}`.replace(/[^a-z0-9]/gi, ''),
    functionName: overrides.functionName ?? folder,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    codeUri: fileURLToPath(new URL(`../fixtures/functions/${folder}`, import.meta.url)),
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    architecture: 'x86_64',
    source: { file: 'template.yaml', line: 0, column: 0, keyPath: `Resources.${folder}` },
    ...overrides,
  };
}

export function event(value: unknown): { payload: Buffer } {
  return { payload: Buffer.from(JSON.stringify(value)) };
}

export function payloadJson(result: InvokeResult): unknown {
  if (result.kind === 'service-error') throw new Error(`service error: ${result.errorType}`);
  return JSON.parse(result.payload.toString('utf8'));
}

/** Collects log lines for assertions. */
export function logCollector(): { lines: FunctionLogLine[]; sink: (line: FunctionLogLine) => void } {
  const lines: FunctionLogLine[] = [];
  return { lines, sink: (line) => lines.push(line) };
}
