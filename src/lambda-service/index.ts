export { createInvocationLogs, InvocationLogs, LOG_TAIL_BYTES, settleOutput } from './invocation-logs.js';
export { type LambdaServiceOptions, type StartedLambdaService, startLambdaService } from './lambda-service.js';
export { LambdaServiceError } from './service-error.js';
