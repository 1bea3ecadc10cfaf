import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  InvokeCommand,
  type InvokeCommandOutput,
  LambdaClient,
  LambdaServiceException,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamTemplate } from '../../src/config/index.js';
import { createInvocationLogs, type StartedLambdaService, startLambdaService } from '../../src/lambda-service/index.js';
import { createProcessRuntime } from '../../src/runtime/index.js';
import type { LambdaRuntime } from '../../src/runtime/runtime.js';

// The local Lambda service (as `sam local start-lambda`), driven by the real @aws-sdk/client-lambda over a socket,
// against real handler processes. Facts: ../shared/aws/lambda.md §3 (what the Invoke caller sees) and
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html.
const TEMPLATE = fileURLToPath(new URL('../fixtures/projects/lambda-functions/template.yaml', import.meta.url));
const ARN_PREFIX = 'arn:aws:lambda:us-east-1:123456789012:function:';

let runtime: LambdaRuntime;
let service: StartedLambdaService;
let client: LambdaClient;

beforeAll(async () => {
  const model = await loadSamTemplate(TEMPLATE);
  const logs = createInvocationLogs();
  runtime = createProcessRuntime({ logSink: logs.sink });
  service = await startLambdaService({ model, runtime, logs });
  client = new LambdaClient({
    endpoint: service.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    // The SDK retries throttles and 5xx with back-off; one attempt keeps the suite fast and shows the raw answer.
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await service?.close();
  await runtime?.dispose();
});

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const payloadOf = (output: InvokeCommandOutput) =>
  JSON.parse(new TextDecoder().decode(output.Payload)) as Record<string, unknown>;

async function invokeError(input: ConstructorParameters<typeof InvokeCommand>[0]): Promise<LambdaServiceException> {
  try {
    await client.send(new InvokeCommand(input));
  } catch (error) {
    if (error instanceof LambdaServiceException) return error;
    throw error;
  }
  throw new Error('expected the Invoke call to fail');
}

describe('Invoke: RequestResponse', () => {
  // lambda.md §3.2: 200, X-Amz-Executed-Version $LATEST, x-amzn-RequestId = the function's awsRequestId.
  it('returns the function result with StatusCode 200 and ExecutedVersion $LATEST', async () => {
    // Act
    const output = await client.send(new InvokeCommand({ FunctionName: 'gatehouse-echo', Payload: json({ a: 1 }) }));
    // Assess
    expect(output.StatusCode).toBe(200);
    expect(output.ExecutedVersion).toBe('$LATEST');
    expect(output.FunctionError).toBeUndefined();
    const payload = payloadOf(output);
    expect(payload.event).toEqual({ a: 1 });
    expect(payload.greeting).toBe('hello');
    expect(output.$metadata.requestId).toBe(payload.requestId);
  });

  // API_Invoke.html "FunctionName": a name, a name with a qualifier, a function ARN or a partial ARN. The logical
  // id is accepted as `sam local start-lambda` does. The context's invokedFunctionArn is the ARN as invoked.
  it.each([
    ['gatehouse-echo', `${ARN_PREFIX}gatehouse-echo`],
    ['EchoFunction', `${ARN_PREFIX}gatehouse-echo`],
    ['gatehouse-echo:$LATEST', `${ARN_PREFIX}gatehouse-echo:$LATEST`],
    [`${ARN_PREFIX}gatehouse-echo`, `${ARN_PREFIX}gatehouse-echo`],
    ['123456789012:function:gatehouse-echo', `${ARN_PREFIX}gatehouse-echo`],
  ])('resolves FunctionName %s', async (functionName, invokedArn) => {
    // Act
    const output = await client.send(new InvokeCommand({ FunctionName: functionName }));
    // Assess
    expect(output.StatusCode).toBe(200);
    expect(payloadOf(output)).toMatchObject({ event: {}, invokedFunctionArn: invokedArn });
  });

  // lambda.md §3.1 (recorded: LS snapshots): a function error is HTTP 200 with X-Amz-Function-Error: Unhandled and
  // the error document as payload; Node's document is {errorType, errorMessage, trace} (lambda.md §5.11).
  it('reports a thrown error as FunctionError Unhandled with the error document as payload', async () => {
    // Act
    const output = await client.send(new InvokeCommand({ FunctionName: 'FailFunction', Payload: json({ why: 'test' }) }));
    // Assess
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe('Unhandled');
    const payload = payloadOf(output);
    expect(Object.keys(payload)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(payload).toMatchObject({ errorType: 'Error', errorMessage: 'something broke' });
    expect(payload.trace).toEqual(expect.arrayContaining([expect.stringContaining('Error: something broke')]));
  });

  // lambda.md §3.2 + §7.1 (recorded: LS test_invocation_with_logs): LogType Tail returns the base64 of the last
  // 4 KB of the invocation's log: START, the function's lines, END, REPORT, each ending in a newline.
  it('returns the invocation log tail in LogResult when LogType is Tail', async () => {
    // Act
    const output = await client.send(new InvokeCommand({ FunctionName: 'FailFunction', LogType: 'Tail' }));
    // Assess
    const requestId = output.$metadata.requestId;
    const log = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toMatch(new RegExp(`^START RequestId: ${requestId} Version: \\$LATEST\\n`));
    expect(log).toContain(`\t${requestId}\tERROR\tabout to fail for no reason\n`);
    expect(log).toContain(`END RequestId: ${requestId}\n`);
    expect(log).toMatch(new RegExp(`REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms\\t`));
    expect(output.FunctionError).toBe('Unhandled');
  });

  it('omits LogResult when LogType is None', async () => {
    // Act
    const output = await client.send(new InvokeCommand({ FunctionName: 'gatehouse-echo', LogType: 'None' }));
    // Assess
    expect(output.LogResult).toBeUndefined();
  });

  // API_Invoke.html "ClientContext": base64 JSON passed to the function (synchronous invocations only).
  it('passes ClientContext to the function', async () => {
    // Prepare
    const clientContext = { custom: { tenant: 'acme' }, env: { locale: 'en' } };
    // Act
    const output = await client.send(
      new InvokeCommand({
        FunctionName: 'gatehouse-echo',
        ClientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64'),
      }),
    );
    // Assess
    expect(payloadOf(output).clientContext).toMatchObject(clientContext);
  });
});

describe('Invoke: other invocation types', () => {
  // Recorded: LS test_invocation_type_event → StatusCode 202, empty payload (lambda.md §3.4); the function runs
  // after the answer.
  it('answers Event with 202 and an empty payload, then runs the function', async () => {
    // Prepare
    const path = join(tmpdir(), `gatehouse-event-${process.pid}-${Date.now()}`);
    // Act
    const output = await client.send(
      new InvokeCommand({ FunctionName: 'MarkFunction', InvocationType: 'Event', Payload: json({ path, marker: 'ran' }) }),
    );
    // Assess
    expect(output.StatusCode).toBe(202);
    expect(output.Payload?.length ?? 0).toBe(0);
    await expect.poll(() => existsSync(path) && readFileSync(path, 'utf8'), { timeout: 5000 }).toBe('ran');
  });

  // Recorded: LS test_invocation_type_dry_run → StatusCode 204, empty payload (lambda.md §3.4).
  it('answers DryRun with 204', async () => {
    // Act
    const output = await client.send(new InvokeCommand({ FunctionName: 'gatehouse-echo', InvocationType: 'DryRun' }));
    // Assess
    expect(output.StatusCode).toBe(204);
  });
});

describe('Invoke: service errors', () => {
  // Recorded: LS test_invoke_exceptions (2025-11-24) → 404 ResourceNotFoundException,
  // "Function not found: arn:aws:lambda:<region>:<account>:function:doesnotexist:$LATEST" (lambda.md §3.3).
  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await invokeError({ FunctionName: 'doesnotexist' });
    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe(`Function not found: ${ARN_PREFIX}doesnotexist:$LATEST`);
    expect((error as ResourceNotFoundException).Type).toBe('User');
  });

  // gatehouse runs the template's code only ($LATEST): a version or alias does not exist locally.
  it('throws ResourceNotFoundException for a qualifier other than $LATEST', async () => {
    // Act
    const error = await invokeError({ FunctionName: 'gatehouse-echo', Qualifier: 'live' });
    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe(`Function not found: ${ARN_PREFIX}gatehouse-echo:live`);
  });

  // Recorded: LS test_lambda_concurrency_block → 429 TooManyRequestsException "Rate Exceeded.",
  // Reason ReservedFunctionConcurrentInvocationLimitExceeded, Type User (lambda.md §1.10).
  it('throws TooManyRequestsException when ReservedConcurrentExecutions is 0', async () => {
    // Act
    const error = await invokeError({ FunctionName: 'ThrottledFunction' });
    // Assess
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.message).toBe('Rate Exceeded.');
    expect((error as TooManyRequestsException).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect((error as TooManyRequestsException).Type).toBe('User');
  });

  // lambda.md §3.3 (D: API_Invoke.html): an event over 6 MB (6,291,456 bytes) is refused with 413. The code AWS
  // sends is RequestEntityTooLargeException (recorded in awslabs/aws-athena-query-federation#793 and
  // pelmers/streetwarp-web#14), which the SDK's model lacks, so the SDK throws its base exception with that name.
  it('refuses an event over 6 MB with 413', async () => {
    // Prepare
    const payload = json({ big: 'x'.repeat(6 * 1024 * 1024) });
    // Act
    const error = await invokeError({ FunctionName: 'gatehouse-echo', Payload: payload });
    // Assess
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.name).toBe('RequestEntityTooLargeException');
    expect(error.message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
  });

  // API_Invoke.html: "For asynchronous invocations, the maximum payload size is 1 MB."
  it('refuses an Event payload over 1 MB with 413', async () => {
    // Act
    const error = await invokeError({
      FunctionName: 'MarkFunction',
      InvocationType: 'Event',
      Payload: json({ big: 'x'.repeat(1024 * 1024) }),
    });
    // Assess
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.message).toMatch(/^\d+ byte payload is too large for the Event invocation type \(limit 1048576 bytes\)$/);
  });

  // Recorded: LS test_lambda_invoke_payload_encoding_error → 400 InvalidRequestContentException
  // "Could not parse request body into json: Could not parse payload into json: ..." (lambda.md §3.3).
  it.each([
    ['not JSON', Buffer.from('not json at all')],
    ['invalid UTF-8', Buffer.from([0x6e, 0x87, 0x72])],
  ])('throws InvalidRequestContentException for a payload that is %s', async (_label, payload) => {
    // Act
    const error = await invokeError({ FunctionName: 'gatehouse-echo', Payload: payload });
    // Assess
    expect(error.name).toBe('InvalidRequestContentException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
  });

  // lambda.md §3.3: REST-JSON errors carry the code in x-amzn-ErrorType and {"Type":"User","Message"|"message"}
  // in the body; the member's casing follows Lambda's model (ResourceNotFoundException: Message; recorded body
  // keys in LS test_invoke_exceptions and test_lambda_concurrency_block).
  it.each([
    [
      'doesnotexist',
      404,
      'ResourceNotFoundException',
      { Type: 'User', Message: `Function not found: ${ARN_PREFIX}doesnotexist:$LATEST` },
    ],
    [
      'ThrottledFunction',
      429,
      'TooManyRequestsException',
      { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' },
    ],
  ])('renders the %s error as AWS REST-JSON', async (functionName, status, errorType, body) => {
    // Act
    const response = await fetch(`${service.url}/2015-03-31/functions/${functionName}/invocations`, {
      method: 'POST',
      body: '{}',
    });
    // Assess
    expect(response.status).toBe(status);
    expect(response.headers.get('x-amzn-errortype')).toBe(errorType);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual(body);
  });
});
