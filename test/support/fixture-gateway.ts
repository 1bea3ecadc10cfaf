import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { type StartedGateway, type StartGatewayOptions, startGateway } from '../../src/index.js';
import type { FunctionLogLine } from '../../src/runtime/runtime.js';

export function fixtureTemplate(project: string): string {
  return fileURLToPath(new URL(`../fixtures/projects/${project}/template.yaml`, import.meta.url));
}

/** Starts gatehouse on a fixture project for the tests of one file, with its function logs kept. */
export function useFixtureGateway(project: string, options: Partial<StartGatewayOptions> = {}) {
  const state: { gateway: StartedGateway | undefined; logs: FunctionLogLine[] } = { gateway: undefined, logs: [] };
  beforeAll(async () => {
    state.gateway = await startGateway({
      template: fixtureTemplate(project),
      onFunctionLog: (line) => state.logs.push(line),
      ...options,
    });
  });
  afterAll(async () => {
    await state.gateway?.close();
  });
  return {
    get gateway(): StartedGateway {
      if (!state.gateway) throw new Error('gateway not started');
      return state.gateway;
    },
    get url(): string {
      return this.gateway.url;
    },
    logs: state.logs,
  };
}
