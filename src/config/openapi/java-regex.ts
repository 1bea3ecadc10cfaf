import type { SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';

/** A selectionPattern must be a valid regex (AWS rejects the integration response otherwise). */
export function compileJavaRegexOrThrow(pattern: string, at: SourceRef): void {
  try {
    new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw new TemplateError(
      at,
      `selectionPattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}
