import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../src/runtime/index.js';
import { postedBytes } from '../../src/runtime/payload-text.js';
import { FrameDecoder, type PipeFrame, PipeOp, writeFrame } from '../../src/runtime/runtime-api/pipe-frame.js';
import type { RuntimeApiEvents } from '../../src/runtime/runtime-api/runtime-api-context.js';
import { attachRuntimeApiPipe } from '../../src/runtime/runtime-api/runtime-api-pipe.js';
import { RuntimeApiServer } from '../../src/runtime/runtime-api/runtime-api-server.js';
import { event, fixtureFunction, payloadJson } from './function-fixture.js';

const REQUEST_ID = '8476a536-e9f4-11e8-9739-2dfe598c3fcd';
const INVOCATION = { requestId: REQUEST_ID, payload: Buffer.from('{"key":"välue"}'), invokedFunctionArn: 'arn', timeoutMs: 1000 };

/** Two connected in-memory streams, standing in for the two ends of fd 3. */
function duplexPair(): [Duplex, Duplex] {
  const toRuntime = new PassThrough();
  const toGatehouse = new PassThrough();
  return [
    Duplex.from({ readable: toGatehouse, writable: toRuntime }),
    Duplex.from({ readable: toRuntime, writable: toGatehouse }),
  ];
}

/** The runtime's end of the pipe, speaking frames as runtime-clients/node/pipe-transport.mjs does. */
function pipeRuntime(end: Duplex) {
  const waiting: ((frame: PipeFrame) => void)[] = [];
  const decoder = new FrameDecoder(
    Number.MAX_SAFE_INTEGER,
    (frame) => waiting.shift()?.(frame),
    (reason) => {
      throw new Error(reason);
    },
  );
  end.on('data', (chunk: Buffer) => decoder.push(chunk));
  return {
    send(op: number, meta: object | undefined, body?: Buffer | string): Promise<PipeFrame> {
      return new Promise((resolve) => {
        waiting.push(resolve);
        writeFrame(end, op, meta === undefined ? '' : JSON.stringify(meta), body === undefined ? undefined : Buffer.from(body));
      });
    },
  };
}

function reply(frame: PipeFrame): { op: number; status: number; body: unknown } {
  if (!Buffer.isBuffer(frame.body)) throw new Error('body dropped');
  return { op: frame.op, status: JSON.parse(frame.meta.toString()).status, body: JSON.parse(frame.body.toString()) };
}

function recordingEvents(): RuntimeApiEvents & { log: string[]; bodies: Buffer[] } {
  const log: string[] = [];
  const bodies: Buffer[] = [];
  return {
    log,
    bodies,
    onNext: () => log.push('next'),
    onInvocationDelivered: (id) => log.push(`delivered ${id}`),
    onInvocationResponse: (id, body) => {
      log.push(`response ${id}`);
      bodies.push(postedBytes(body));
    },
    onResponseTooLarge: (id) => log.push(`too-large ${id}`),
    onInvocationError: (id, body, type) => {
      log.push(`error ${id} ${type}`);
      bodies.push(body);
    },
    onInitError: (body, type) => {
      log.push(`init-error ${type}`);
      bodies.push(body);
    },
  };
}

function postHttp(api: RuntimeApiServer, path: string, body: string): Promise<{ status: number; body: string }> {
  const [host, port] = api.address.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method: 'POST', path: `/2018-06-01${path}` }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Runtime API over the Node client pipe: the same operations and state machine as HTTP', () => {
  let api: RuntimeApiServer;
  let events: ReturnType<typeof recordingEvents>;
  let runtime: ReturnType<typeof pipeRuntime>;
  beforeEach(async () => {
    events = recordingEvents();
    api = await RuntimeApiServer.start(events);
    const [gatehouseEnd, runtimeEnd] = duplexPair();
    attachRuntimeApiPipe(api.session, gatehouseEnd);
    runtime = pipeRuntime(runtimeEnd);
  });
  afterEach(async () => {
    await api.close();
  });

  // lambda.md §2.1: the /next headers (as Node's HTTP client shows them) and the event byte for byte.
  it('answers next with the /next headers and the untouched event bytes', async () => {
    // Prepare
    const next = runtime.send(PipeOp.next, undefined);
    // Act
    api.enqueue({ ...INVOCATION, traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1', clientContext: '{"a":1}' });
    const frame = await next;
    // Assess
    expect(frame.op).toBe(PipeOp.invocation);
    expect(frame.body).toEqual(INVOCATION.payload);
    const headers = JSON.parse(frame.meta.toString());
    expect(headers).toMatchObject({
      'lambda-runtime-aws-request-id': REQUEST_ID,
      'lambda-runtime-trace-id': 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1',
      'lambda-runtime-client-context': '{"a":1}',
      'lambda-runtime-invoked-function-arn': 'arn',
      'content-type': 'application/json',
      'content-length': String(INVOCATION.payload.length),
    });
    expect(Number(headers['lambda-runtime-deadline-ms'])).toBeGreaterThan(Date.now());
    expect(headers['lambda-runtime-cognito-identity']).toBeUndefined();
    expect(events.log).toEqual(['next', `delivered ${REQUEST_ID}`]);
  });

  // RIE invocationresponse.go: over 6,291,556 bytes → 413 RequestEntityTooLarge, then /next is allowed (lambda.md §2.2).
  it('answers 413 to a response over 6,291,556 bytes and lets the runtime carry on', async () => {
    // Prepare
    const next = runtime.send(PipeOp.next, undefined);
    api.enqueue(INVOCATION);
    await next;
    // Act
    const tooLarge = await runtime.send(PipeOp.response, { requestId: REQUEST_ID }, Buffer.alloc(6_291_557, 0x61));
    const nextAgain = runtime.send(PipeOp.next, undefined);
    api.enqueue({ ...INVOCATION, requestId: 'second' });
    // Assess
    expect(reply(tooLarge)).toEqual({
      op: PipeOp.reply,
      status: 413,
      body: { errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' },
    });
    expect(events.log).toContain(`too-large ${REQUEST_ID}`);
    expect((await nextAgain).op).toBe(PipeOp.invocation);
  });

  // One session per environment: a response posted over HTTP counts for an event taken over the pipe.
  it('shares one state machine with the HTTP server: a second response is refused with 403', async () => {
    // Prepare
    const next = runtime.send(PipeOp.next, undefined);
    api.enqueue(INVOCATION);
    await next;
    // Act
    const overHttp = await postHttp(api, `/runtime/invocation/${REQUEST_ID}/response`, '"via http"');
    const overPipe = await runtime.send(PipeOp.response, { requestId: REQUEST_ID }, '"via pipe"');
    const wrongId = await runtime.send(PipeOp.error, { requestId: 'not-the-id' }, '{}');
    // Assess
    expect(overHttp.status).toBe(202);
    expect(reply(overPipe)).toEqual({
      op: PipeOp.reply,
      status: 403,
      body: {
        errorMessage:
          'State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not allowed',
        errorType: 'InvalidStateTransition',
      },
    });
    expect(reply(wrongId)).toMatchObject({ status: 400, body: { errorType: 'InvalidRequestID' } });
    expect(events.bodies.map(String)).toEqual(['"via http"']);
  });

  // lambda.md §2.3: the /error body is the payload, unchanged; the error-type header is passed along.
  it('passes an error body through unchanged with its error type', async () => {
    // Prepare
    const next = runtime.send(PipeOp.next, undefined);
    api.enqueue(INVOCATION);
    await next;
    const body = '{"errorMessage" : "x",  "errorType":"&alloc::boxed::Box<dyn core::error::Error>"}';
    // Act
    const answer = await runtime.send(
      PipeOp.error,
      { requestId: REQUEST_ID, headers: { 'lambda-runtime-function-error-type': 'Unhandled' } },
      body,
    );
    // Assess
    expect(reply(answer)).toEqual({ op: PipeOp.reply, status: 202, body: { status: 'OK' } });
    expect(events.bodies.map(String)).toEqual([body]);
    expect(events.log).toContain(`error ${REQUEST_ID} Unhandled`);
  });

  // RIE states.go: /init/error only before the first /next (lambda.md §2.4).
  it('accepts init/error once, before the first next, and refuses it afterwards', async () => {
    // Act
    const first = await runtime.send(PipeOp.initError, { headers: { 'lambda-runtime-function-error-type': 'Runtime.X' } }, '{}');
    const second = await runtime.send(PipeOp.initError, { headers: {} }, '{}');
    // Assess
    expect(reply(first).status).toBe(202);
    expect(events.log).toContain('init-error Runtime.X');
    expect(reply(second)).toMatchObject({ status: 403, body: { errorType: 'InvalidStateTransition' } });
  });
});

const transportFunction = (logicalId: string) =>
  fixtureFunction('node-basic', {
    logicalId,
    handler: 'index.transport',
    codeUri: fileURLToPath(new URL('./functions/runtime-transport', import.meta.url)),
  });

describe.each([
  { transport: 'pipe', runtimeApiPipe: true },
  { transport: 'HTTP', runtimeApiPipe: false },
])('the Node runtime client over $transport', ({ runtimeApiPipe }) => {
  const runtime = createProcessRuntime({ runtimeApiPipe });
  afterAll(() => runtime.dispose());
  const basic = (handler: string, logicalId: string) => fixtureFunction('node-basic', { handler: `index.${handler}`, logicalId });

  it('uses the transport it was given; AWS_LAMBDA_RUNTIME_API still points at the HTTP Runtime API', async () => {
    // Act
    const result = await runtime.invoke(transportFunction(`Transport${runtimeApiPipe}`), event({ n: 1 }));
    // Assess
    expect(payloadJson(result)).toMatchObject({ pipe: runtimeApiPipe, pipeVariableVisible: false, event: { n: 1 } });
    expect((payloadJson(result) as { runtimeApi: string }).runtimeApi).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  // Recorded: LS test_lambda_too_large_response (lambda.md §2.2, §2.5).
  it('fails a response over 6,291,556 bytes with Function.ResponseSizeTooLarge and keeps the environment', async () => {
    // Prepare
    const fn = basic('big', `Big${runtimeApiPipe}`);
    // Act
    const tooLarge = await runtime.invoke(fn, event({ chars: 6 * 1024 * 1024 + 100 }));
    const again = await runtime.invoke(fn, event({ chars: 3 }));
    // Assess
    if (tooLarge.kind !== 'function-error' || again.kind !== 'success') throw new Error('unexpected result kinds');
    expect(tooLarge.payload.toString()).toBe(
      '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}',
    );
    expect(again.report.environmentId).toBe(tooLarge.report.environmentId);
  });

  // lambda.md §5.11, §5.12: error documents, and an uncaught exception posts its error before exit 129.
  it('reports handler errors, init errors and uncaught exceptions as over HTTP', async () => {
    // Act
    const thrown = await runtime.invoke(basic('throwError', `Throw${runtimeApiPipe}`), event({}));
    const initFailed = await runtime.invoke(
      fixtureFunction('node-init-throw', { logicalId: `Init${runtimeApiPipe}` }),
      event({}),
    );
    const uncaught = await runtime.invoke(basic('uncaughtException', `Uncaught${runtimeApiPipe}`), event({}));
    // Assess
    expect(payloadJson(thrown)).toMatchObject({ errorType: 'Error', errorMessage: 'some_error_msg' });
    expect(initFailed).toMatchObject({ kind: 'function-error', reason: 'init', errorType: 'ConfigError' });
    expect(uncaught).toMatchObject({ kind: 'function-error', reason: 'handler' });
    expect(payloadJson(uncaught)).toMatchObject({ errorType: 'TypeError', errorMessage: 'thrown from a timer' });
  });

  // lambda.md §5.3: the pipe, like the HTTP agent's idle socket, must not keep the event loop alive.
  it('still waits for the event loop to drain after callback()', async () => {
    // Act
    const waits = await runtime.invoke(basic('callbackWaits', `Waits${runtimeApiPipe}`), event({}));
    // Assess
    expect(waits.kind === 'success' && waits.report.durationMs).toBeGreaterThanOrEqual(290);
    expect(payloadJson(waits)).toEqual({ leftoverTimerFiredBeforeResponse: false });
  });
});

describe('runtime-clients/node standalone', () => {
  // The client is a plain Runtime API client: without gatehouse's pipe it speaks HTTP to AWS_LAMBDA_RUNTIME_API.
  it('runs against any Runtime API over HTTP when it has no pipe', async () => {
    // Prepare
    const events = recordingEvents();
    const api = await RuntimeApiServer.start(events);
    const codeUri = fileURLToPath(new URL('../fixtures/functions/node-basic', import.meta.url));
    const bootstrap = fileURLToPath(new URL('../../runtime-clients/node/bootstrap.mjs', import.meta.url));
    const child = spawn(process.execPath, [bootstrap], {
      cwd: codeUri,
      env: { PATH: process.env.PATH, AWS_LAMBDA_RUNTIME_API: api.address, _HANDLER: 'index.echo', LAMBDA_TASK_ROOT: codeUri },
      stdio: 'ignore',
    });
    try {
      // Act
      api.enqueue(INVOCATION);
      await expect.poll(() => events.log, { timeout: 10_000 }).toContain(`response ${REQUEST_ID}`);
      // Assess
      expect(events.bodies.map(String)).toEqual(['{"key":"välue"}']);
    } finally {
      child.kill('SIGKILL');
      await api.close();
    }
  });
});
