import { describe, expect, it } from 'vitest';
// @ts-expect-error: the runtime client is plain JavaScript without declarations
import { decodePortMessage, encodePortMessage } from '../../runtime-clients/node/port-message.mjs';
import { PipeOp } from '../../src/runtime/runtime-api/pipe-frame.js';
import {
  encodePortFrame,
  type PortFrameListener,
  type PortMessage,
  readPortMessage,
  TEXT_BODY_LIMIT,
} from '../../src/runtime/runtime-api/port-message.js';

type ClientFrame = [
  op: number,
  meta: string,
  body: string | Uint8Array | undefined,
  heapBytes?: number,
  headers?: Record<string, string>,
];
const encode = encodePortMessage as (frames: ClientFrame[]) => PortMessage;
const decode = decodePortMessage as (message: PortMessage) => ClientFrame;

/** What gatehouse reads from a message, frame by frame. */
function read(message: PortMessage): Parameters<PortFrameListener>[] {
  const frames: Parameters<PortFrameListener>[] = [];
  readPortMessage(message, (op, meta, body, heapBytes, headers) => frames.push([op, meta, body, heapBytes, headers]));
  return frames;
}

// The two ends of a runtime thread's Runtime API port (decision 0004) must agree on both message forms.
describe('Runtime API port messages', () => {
  it('carries a response and the next /next as one string, frame for frame', () => {
    // Prepare
    const frames: ClientFrame[] = [
      [PipeOp.output, '1', 'a line\nwith a newline\n'],
      [PipeOp.response, '8476a536-e9f4-11e8-9739-2dfe598c3fcd', '{"statusCode":200,"body":"välue 😀"}', 12_345_678],
      [PipeOp.next, '', undefined],
      [PipeOp.error, 'id', '', 0],
    ];
    // Act
    const message = encode(frames);
    // Assess
    expect(typeof message).toBe('string');
    expect(read(message)).toEqual(frames.map(([op, meta, body, heap]) => [op, meta, body, heap, undefined]));
  });

  it.each([
    ['bytes', [PipeOp.output, '2', new Uint8Array([0xff, 0x00])]],
    ['headers', [PipeOp.initError, '', '{}', 1, { 'lambda-runtime-function-error-type': 'Runtime.X' }]],
    ['a request id with a newline', [PipeOp.response, 'a\nb', '{}', 1]],
    ['a long body', [PipeOp.response, 'id', 'x'.repeat(TEXT_BODY_LIMIT + 1), 1]],
  ] satisfies [string, ClientFrame][])('sends frames with %s as a list', (_what, frame) => {
    // Act
    const message = encode([[PipeOp.next, '', undefined], frame]);
    // Assess
    expect(Array.isArray(message)).toBe(true);
    expect(read(message)).toEqual([
      [PipeOp.next, '', undefined, undefined, undefined],
      [frame[0], frame[1], frame[2], frame[3], frame[4]],
    ]);
  });

  it.each([
    ['an event', PipeOp.invocation, '{"lambda-runtime-aws-request-id":"id"}', '{"k":"v\\n 😀"}'],
    ['an empty body', PipeOp.reply, '{"status":202}', ''],
    ['no body', PipeOp.assignment, '{"env":{},"cwd":"/var/task"}', undefined],
    ['a long event', PipeOp.invocation, '{}', 'y'.repeat(TEXT_BODY_LIMIT + 1)],
  ])('hands the runtime %s as gatehouse sent it', (_what, op, meta, body) => {
    // Act
    const frame = decode(encodePortFrame(op, meta, body));
    // Assess
    expect(frame.slice(0, 3)).toEqual([op, meta, body]);
  });
});
