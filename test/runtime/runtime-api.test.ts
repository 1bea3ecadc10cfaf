import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postedBytes } from '../../src/runtime/payload-text.js';
import type { RuntimeApiEvents } from '../../src/runtime/runtime-api/runtime-api-context.js';
import { RuntimeApiServer } from '../../src/runtime/runtime-api/runtime-api-server.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  api: RuntimeApiServer,
  method: string,
  path: string,
  body?: Buffer | string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const [host, port] = api.address.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path: `/2018-06-01${path}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
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

const REQUEST_ID = '8476a536-e9f4-11e8-9739-2dfe598c3fcd';

describe('Runtime API (2018-06-01) served per execution environment', () => {
  let api: RuntimeApiServer;
  let events: ReturnType<typeof recordingEvents>;
  beforeEach(async () => {
    events = recordingEvents();
    api = await RuntimeApiServer.start(events);
  });
  afterEach(async () => {
    await api.close();
  });

  // AWS: runtimes-api.html "Next invocation" lists the headers; RIE rendering.go renderInvokeHeaders sends
  // each only when non-empty; the body is the event byte for byte (lambda.md §2.1).
  it('GET /next blocks until an event, then returns it with the Lambda-Runtime-* headers', async () => {
    // Prepare
    const pending = call(api, 'GET', '/runtime/invocation/next');
    const payload = Buffer.from('{"key":"välue"}');
    // Act
    api.enqueue({
      requestId: REQUEST_ID,
      payload,
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
      timeoutMs: 3000,
      traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1',
      clientContext: '{"custom":{"a":"b"}}',
    });
    const next = await pending;
    // Assess
    expect(next.status).toBe(200);
    expect(Buffer.from(next.body)).toEqual(payload);
    expect(next.headers['lambda-runtime-aws-request-id']).toBe(REQUEST_ID);
    expect(next.headers['lambda-runtime-invoked-function-arn']).toBe('arn:aws:lambda:us-east-1:123456789012:function:fn');
    expect(next.headers['lambda-runtime-trace-id']).toBe(
      'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1',
    );
    expect(next.headers['lambda-runtime-client-context']).toBe('{"custom":{"a":"b"}}');
    expect(next.headers['lambda-runtime-cognito-identity']).toBeUndefined();
    expect(next.headers['content-type']).toBe('application/json');
    const deadline = Number(next.headers['lambda-runtime-deadline-ms']);
    expect(deadline).toBeGreaterThan(Date.now() + 2000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 3000);
    expect(events.log).toEqual(['next', `delivered ${REQUEST_ID}`]);
  });

  // AWS: runtimes-api.html "Invocation response" → 202 {"status":"OK"}; RIE RenderAccepted; a second response
  // for the same id is refused by the state machine with 403 (lambda.md §2.2).
  it('accepts one response per invoke and refuses a second with 403 InvalidStateTransition', async () => {
    // Prepare
    const pending = call(api, 'GET', '/runtime/invocation/next');
    api.enqueue({ requestId: REQUEST_ID, payload: Buffer.from('{}'), invokedFunctionArn: 'arn', timeoutMs: 1000 });
    await pending;
    // Act
    const first = await call(api, 'POST', `/runtime/invocation/${REQUEST_ID}/response`, '"done"');
    const second = await call(api, 'POST', `/runtime/invocation/${REQUEST_ID}/response`, '"again"');
    // Assess
    expect(first.status).toBe(202);
    expect(JSON.parse(first.body)).toEqual({ status: 'OK' });
    expect(second.status).toBe(403);
    expect(JSON.parse(second.body)).toEqual({
      errorMessage:
        'State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not allowed',
      errorType: 'InvalidStateTransition',
    });
    expect(events.bodies.map(String)).toEqual(['"done"']);
  });

  // RIE rapi/middleware AwsRequestIDValidator + render_error.go RenderInvalidRequestID (lambda.md §2.2).
  it('answers 400 InvalidRequestID for an id that is not the current invoke', async () => {
    // Prepare
    const pending = call(api, 'GET', '/runtime/invocation/next');
    api.enqueue({ requestId: REQUEST_ID, payload: Buffer.from('{}'), invokedFunctionArn: 'arn', timeoutMs: 1000 });
    await pending;
    // Act
    const wrong = await call(api, 'POST', '/runtime/invocation/not-the-id/response', '{}');
    const wrongError = await call(api, 'POST', '/runtime/invocation/not-the-id/error', '{}');
    // Assess
    for (const reply of [wrong, wrongError]) {
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toEqual({ errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
    }
  });

  // RIE states.go: a response is only allowed from Running, i.e. after /next handed out the event.
  it('refuses a response before the first /next (state Started)', async () => {
    // Act
    const reply = await call(api, 'POST', '/runtime/invocation/whatever/response', '{}');
    const initError = await call(api, 'POST', '/runtime/init/error', '{}');
    const laterInitError = await call(api, 'POST', '/runtime/init/error', '{}');
    // Assess
    expect(reply.status).toBe(400);
    expect(initError.status).toBe(202);
    expect(laterInitError.status).toBe(403);
    expect(JSON.parse(laterInitError.body).errorType).toBe('InvalidStateTransition');
  });

  // AWS: runtimes-api.html "Invocation error": the body is passed through unchanged as the payload and the
  // error-type header is only bookkeeping (lambda.md §2.3; RIE invocationerror.go).
  it('passes an /error body through unchanged', async () => {
    // Prepare
    const pending = call(api, 'GET', '/runtime/invocation/next');
    api.enqueue({ requestId: REQUEST_ID, payload: Buffer.from('{}'), invokedFunctionArn: 'arn', timeoutMs: 1000 });
    await pending;
    const body = '{"errorMessage" : "x",  "errorType":"&alloc::boxed::Box<dyn core::error::Error>"}';
    // Act
    const reply = await call(api, 'POST', `/runtime/invocation/${REQUEST_ID}/error`, body, {
      'Lambda-Runtime-Function-Error-Type': 'Unhandled',
    });
    // Assess
    expect(reply.status).toBe(202);
    expect(events.bodies.map(String)).toEqual([body]);
    expect(events.log).toContain(`error ${REQUEST_ID} Unhandled`);
  });

  // RIE interop/model.go MaxPayloadSize = 6 MiB + 100; render_error.go RenderRequestEntityTooLarge (lambda.md §2.2).
  it('answers 413 over 6,291,556 bytes and lets the runtime carry on with /next', async () => {
    // Prepare
    const pending = call(api, 'GET', '/runtime/invocation/next');
    api.enqueue({ requestId: REQUEST_ID, payload: Buffer.from('{}'), invokedFunctionArn: 'arn', timeoutMs: 1000 });
    await pending;
    // Act
    const reply = await call(api, 'POST', `/runtime/invocation/${REQUEST_ID}/response`, Buffer.alloc(6_291_557, 0x61));
    const nextAgain = call(api, 'GET', '/runtime/invocation/next');
    api.enqueue({ requestId: 'second', payload: Buffer.from('{}'), invokedFunctionArn: 'arn', timeoutMs: 1000 });
    // Assess
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({
      errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'RequestEntityTooLarge',
    });
    expect(events.log).toContain(`too-large ${REQUEST_ID}`);
    expect((await nextAgain).status).toBe(200);
  });

  it('accepts exactly 6,291,556 bytes', async () => {
    // Prepare
    const pending = call(api, 'GET', '/runtime/invocation/next');
    api.enqueue({ requestId: REQUEST_ID, payload: Buffer.from('{}'), invokedFunctionArn: 'arn', timeoutMs: 1000 });
    await pending;
    // Act
    const reply = await call(api, 'POST', `/runtime/invocation/${REQUEST_ID}/response`, Buffer.alloc(6_291_556, 0x61));
    // Assess
    expect(reply.status).toBe(202);
    expect(events.bodies[0]?.length).toBe(6_291_556);
  });

  it('answers 404 for unknown paths and 405 for a wrong method', async () => {
    // Act
    const unknown = await call(api, 'GET', '/runtime/unknown');
    const wrongMethod = await call(api, 'POST', '/runtime/invocation/next');
    // Assess
    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
  });
});
