import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/index.js';
import { useFixtureGateway } from '../support/fixture-gateway.js';
import { send } from '../support/http-client.js';

// Functions that fail in every way a function can, all at once, while a healthy neighbour keeps being served.
// AWS: a function error, a crash, a function timeout, Runtime.OutOfMemory, an init error and a response over
// Lambda's 6 MB limit are all function errors: REST proxy answers 502, HTTP APIs 500 (documented,
// services-apigateway-errors.html; ../shared/aws/api-gateway.md §7). An integration timeout is REST 504 and
// HTTP API 503 (captured, docs/research/http-api-behaviour.md §4). Output and timers left running do not fail
// an invoke (../shared/aws/lambda.md §1.3, §1.6).
const exchanges: Exchange[] = [];
const fx = useFixtureGateway('faults', { onExchange: (exchange) => exchanges.push(exchange) });

const REST_ERROR = { status: 502, body: '{"message": "Internal server error"}' };
const HTTP_ERROR = { status: 500, body: '{"message":"Internal Server Error"}' };

interface FaultCase {
  readonly path: string;
  readonly rest: { readonly status: number; readonly body: string };
  readonly http: { readonly status: number; readonly body: string };
  /** The function error Lambda reported, when there is one. */
  readonly errorType?: string;
}

const cases: readonly FaultCase[] = [
  { path: '/fault/throw', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Error' },
  { path: '/fault/exit', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Runtime.ExitError' },
  { path: '/timeout/hang', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Sandbox.Timedout' },
  { path: '/timeout/spin', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Sandbox.Timedout' },
  { path: '/fault/never', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Runtime.NodeJsExit' },
  { path: '/fault/oom', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Runtime.OutOfMemory' },
  { path: '/fault/big', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Function.ResponseSizeTooLarge' },
  { path: '/init-fail', rest: REST_ERROR, http: HTTP_ERROR, errorType: 'Error' },
  {
    path: '/slow',
    rest: { status: 504, body: '{"message": "Endpoint request timed out"}' },
    http: { status: 503, body: '{"message":"Service Unavailable"}' },
  },
  { path: '/fault/flood', rest: { status: 200, body: 'flooded' }, http: { status: 200, body: 'flooded' } },
  {
    path: '/fault/timers',
    rest: { status: 200, body: 'timers left running' },
    http: { status: 200, body: 'timers left running' },
  },
];

/** Sends healthy requests one after another until `stop` resolves; returns what each got. */
async function healthyTraffic(url: string, stop: Promise<unknown>) {
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  const seen: { nonce: string; status: number; body: string; header: string | undefined }[] = [];
  for (let i = 0; !stopped; i++) {
    const nonce = `healthy-${i}`;
    const res = await send(`${url}?n=${nonce}`);
    seen.push({ nonce, status: res.status, body: res.text(), header: res.header('X-Nonce') });
  }
  return seen;
}

describe('faults in functions: AWS statuses, and the gateway keeps serving others', () => {
  it('answers every fault as AWS does while healthy requests run alongside', async () => {
    // Prepare
    const faults = Promise.all(
      cases.flatMap((c) => [
        send(`${fx.url}/faults${c.path}?api=rest`).then((res) => ({ c, api: 'rest' as const, res })),
        send(`${fx.url}${c.path}?api=http`).then((res) => ({ c, api: 'http' as const, res })),
      ]),
    );
    // Act
    const [results, restHealthy, httpHealthy] = await Promise.all([
      faults,
      healthyTraffic(`${fx.url}/faults/mixed/json`, faults),
      healthyTraffic(`${fx.url}/mixed/json`, faults),
    ]);
    // Assess
    for (const { c, api, res } of results) {
      const expected = c[api];
      expect({ api, path: c.path, status: res.status, body: res.text() }).toEqual({
        api,
        path: c.path,
        status: expected.status,
        body: expected.body,
      });
    }
    for (const healthy of [...restHealthy, ...httpHealthy]) {
      expect(healthy.status).toBe(200);
      expect(healthy.header).toBe(healthy.nonce);
      expect(JSON.parse(healthy.body)).toEqual({ nonce: healthy.nonce, method: 'GET' });
    }
    expect(restHealthy.length).toBeGreaterThan(0);
    expect(httpHealthy.length).toBeGreaterThan(0);
  });

  it('names what Lambda reported for each function error', () => {
    for (const c of cases) {
      if (c.errorType === undefined) continue;
      const seen = exchanges.filter(
        (e) => e.request.target.startsWith(`/faults${c.path}?`) || e.request.target.startsWith(`${c.path}?`),
      );
      expect(seen.length, c.path).toBe(2);
      for (const exchange of seen) expect(exchange.trace.lambda?.functionError?.errorType, c.path).toBe(c.errorType);
    }
  });

  it('serves the failed functions again afterwards (fresh environments where the old ones died)', async () => {
    for (const prefix of ['/faults', '']) {
      for (const path of ['/fault/ok', '/fault/ok']) {
        const res = await send(`${fx.url}${prefix}${path}`);
        expect(res.status).toBe(200);
        expect(res.text()).toBe('ok ok');
      }
    }
  });
});
