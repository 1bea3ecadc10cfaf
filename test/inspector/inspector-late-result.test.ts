import { describe, expect, it } from 'vitest';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// On an integration timeout the client gets 504 while the function keeps running until its own Timeout, as on
// AWS (documented: https://repost.aws/knowledge-center/api-gateway-504-errors and
// https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html; ../shared/aws/api-gateway.md, the
// integration-timeout row). What it finally returns is gatehouse's own addition: it is recorded for the inspector
// (src/pipeline/lambda/invoke-lambda.ts). The client already has its 504 by
// then, so the result reaches the exchange the inspector keeps, not the response.
// /dev/slow: TimeoutInMillis 300, the handler answers after 1 s (Timeout 3 s).
const fx = useFixtureGateway('rest-proxy');

interface LambdaDetail {
  readonly rawResult?: { readonly text: string };
  readonly durationMs?: number;
  readonly coldStart?: boolean;
}

async function lambdaOfExchange(id: number): Promise<LambdaDetail | undefined> {
  const res = await send(`${fx.url}/_gatehouse/inspector/api/exchanges/${id}`);
  expect(res.status).toBe(200);
  return (res.json() as { lambda?: LambdaDetail }).lambda;
}

describe('a Lambda result that arrives after the integration timeout', () => {
  it('is shown by the inspector for the exchange that timed out', async () => {
    const res = await send(`${fx.url}/dev/slow`);
    expect(res.status).toBe(504);
    // The first exchange of this gateway, looked at at once (as someone does who sees the 504), then again.
    let lambda = await lambdaOfExchange(1);
    expect(lambda?.rawResult).toBeUndefined();
    const deadline = Date.now() + 5000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lambda = await lambdaOfExchange(1);
    } while (lambda?.rawResult === undefined && Date.now() < deadline);
    expect(lambda?.rawResult?.text).toBe('{"statusCode":200,"body":"slow"}');
    expect(lambda?.durationMs).toBeGreaterThanOrEqual(900);
  });
});
