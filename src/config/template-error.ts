import type { SourceRef } from '../model/index.js';

/**
 * A template the user has to fix before gatehouse can serve it. Names the file, the 1-based line and column of
 * the key, the key path as written in the template, what is wrong and what to write instead. The CLI exits 2.
 */
export class TemplateError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly keyPath: string;
  /** What is wrong and what to write instead, without the location. */
  readonly detail: string;

  constructor(at: SourceRef, detail: string, options?: ErrorOptions) {
    super(formatTemplateError(at, detail), options);
    this.name = 'TemplateError';
    this.file = at.file;
    this.line = at.line;
    this.column = at.column;
    this.keyPath = at.keyPath;
    this.detail = detail;
  }

  /** `template.yaml:12:7 Resources.ImageFunction.Properties.Timeout: must be a number of seconds, got "ten"` */
  override toString(): string {
    return this.message;
  }
}

function formatTemplateError(at: SourceRef, detail: string): string {
  const where = at.line > 0 ? `${at.file}:${at.line}:${at.column}` : at.file;
  return at.keyPath === '' ? `${where} ${detail}` : `${where} ${at.keyPath}: ${detail}`;
}

export function isTemplateError(value: unknown): value is TemplateError {
  return value instanceof TemplateError;
}
