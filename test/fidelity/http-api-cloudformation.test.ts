import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedGateway, startGateway } from '../../src/index.js';
import { send } from '../support/http-client.js';

// A CDK-shaped CloudFormation template (AWS::ApiGatewayV2::* and AWS::Lambda::Function with
// aws:asset:path code) served end to end: the same files `cdk synth` writes.
const template = fileURLToPath(new URL('../fixtures/templates/cdk-http-api/template.json', import.meta.url));
let gw: StartedGateway;
beforeAll(async () => {
  gw = await startGateway({ template });
});
afterAll(async () => gw.close());

describe('HTTP API from plain CloudFormation', () => {
  it('routes GET /items/{id} on the $default stage to the asset function', async () => {
    const res = await send(`${gw.url}/items/7`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ routeKey: 'GET /items/{id}' });
  });

  it('serves the named stage too', async () => {
    const res = await send(`${gw.url}/prod/items/7`);
    expect(res.json()).toEqual({ routeKey: 'GET /items/{id}' });
  });

  it('sends other requests to the $default route (payload 1.0, a Python function)', async () => {
    const res = await gw.inject({ path: '/somewhere/else' });
    expect(res.status).toBe(200);
    expect(res.trace.api?.resourcePath).toBe('$default');
    expect((res.trace.lambda?.event as { version?: string } | undefined)?.version).toBe('1.0');
  });
});
