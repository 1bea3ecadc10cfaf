// Handlers for test/runtime/runtime-api-pipe.test.ts: they report which Runtime API transport their environment uses.
import { fstatSync } from 'node:fs';

/** gatehouse hands its Node client a socket on fd 3 for the pipe; over HTTP, fd 3 is one of Node's own (epoll). */
function hasRuntimeApiPipe() {
  try {
    return fstatSync(3).isSocket();
  } catch {
    return false;
  }
}

export const transport = async (event) => ({
  pipe: hasRuntimeApiPipe(),
  pipeVariableVisible: '_GATEHOUSE_RUNTIME_API_FD' in process.env,
  runtimeApi: process.env.AWS_LAMBDA_RUNTIME_API,
  event,
});
