import type { SourceRef } from '../model/source-ref.js';
import type { GatewayFailureCode } from './catalogue.js';

/**
 * Thrown by a pipeline phase when API Gateway would answer by itself. `detail` is the precise cause
 * (the offending field and value), which the trace keeps and the client never sees. `fields` fill the
 * `{placeholders}` of the catalogue's AWS log line.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayFailureCode,
    readonly detail: string,
    readonly fields: Readonly<Record<string, string>> = {},
    /** The place in the user's files to change, when known. */
    readonly source?: SourceRef,
    options?: ErrorOptions,
  ) {
    super(`${code}: ${detail}`, options);
    this.name = 'GatewayError';
  }
}
