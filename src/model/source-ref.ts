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

/** `template.yaml:12:3 (Resources.Api)`; `relativeTo` shortens the file name for the terminal. */
export function formatSourceRef(ref: SourceRef, relativeTo?: (file: string) => string): string {
  const file = relativeTo ? relativeTo(ref.file) : ref.file;
  const where = ref.line > 0 ? `${file}:${ref.line}${ref.column > 0 ? `:${ref.column}` : ''}` : file;
  return `${where} (${ref.keyPath})`;
}
