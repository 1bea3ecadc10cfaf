export { createProcessRuntime, type Isolation, type ProcessRuntimeOptions } from './process-pool/process-runtime.js';
export type {
  FunctionErrorReason,
  FunctionLogLine,
  FunctionLogSink,
  InvokeReport,
  InvokeRequest,
  InvokeResult,
  LambdaRuntime,
} from './runtime.js';
