/**
 * Where a piece of the user's configuration came from, so every explanation can name the file,
 * line and key to change. `keyPath` uses the template's own keys: `Resources.ImagesApi.Properties.BinaryMediaTypes`.
 */
export interface SourceRef {
  readonly file: string;
  /** 1-based line; 0 when unknown (e.g. a value produced by an intrinsic function). */
  readonly line: number;
  /** 1-based column; 0 when unknown. */
  readonly column: number;
  readonly keyPath: string;
}

export function formatSourceRef(ref: SourceRef): string {
  const where = ref.line > 0 ? `${ref.file}:${ref.line}${ref.column > 0 ? `:${ref.column}` : ''}` : ref.file;
  return `${where} (${ref.keyPath})`;
}
