import { describe, expect, it } from 'vitest';
import { invocationHeaderJson, invocationHeaders } from '../../../src/runtime/runtime-api/invocation-next.js';
import type { InvocationEvent } from '../../../src/runtime/runtime-api/runtime-api-context.js';

const DEADLINE_MS = 1_764_000_000_123;

const base: InvocationEvent = {
  requestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
  payload: Buffer.from('{"a":"é"}'),
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:Hello',
  timeoutMs: 3000,
  traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=0',
  clientContext: undefined,
  cognitoIdentity: undefined,
};

/** The /next headers as HTTP sends them, as the JSON a frame carried before: JSON.stringify of each value. */
function expectedJson(event: InvocationEvent): string {
  const headers = Object.entries(invocationHeaders(event, DEADLINE_MS));
  return `{${headers.map(([name, value]) => `${JSON.stringify(name.toLowerCase())}:${JSON.stringify(value)}`).join(',')}}`;
}

// Pipe and port frames carry the /next headers as JSON (lambda.md §2.1): the same headers, in the same order, as HTTP.
describe('the /next headers of an invocation frame', () => {
  const events: Record<string, InvocationEvent> = {
    'a plain event': base,
    'no trace header': { ...base, traceId: '' },
    'no ARN': { ...base, invokedFunctionArn: '' },
    'a client context and a Cognito identity': {
      ...base,
      clientContext: '{"custom":{"a":"b"},"env":{"k":"ü \\\\ \\n"}}',
      cognitoIdentity: '{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}',
    },
    'a content type': { ...base, contentType: 'application/json; charset=utf-8' },
    'a request id with a quote': { ...base, requestId: 'a"b' },
    'a trace header with a control character and non-ASCII text': { ...base, traceId: 'Root=1-\u0001-é-😀-\ud800' },
    'an ARN with a backslash and DEL': { ...base, invokedFunctionArn: 'arn:\\x\u007f' },
  };

  for (const [name, event] of Object.entries(events)) {
    it(`is the HTTP headers as JSON, byte for byte, for ${name}`, () => {
      // Act
      const json = invocationHeaderJson(event, DEADLINE_MS);
      // Assess
      expect(json).toBe(expectedJson(event));
      expect(Object.keys(JSON.parse(json))).toEqual(
        Object.keys(invocationHeaders(event, DEADLINE_MS)).map((n) => n.toLowerCase()),
      );
    });
  }
});
