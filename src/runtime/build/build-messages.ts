import { isAbsolute, join, relative } from 'node:path';
import type { Message } from 'esbuild';

/** One esbuild error or warning, with its place in the user's files. */
export interface BuildMessage {
  readonly text: string;
  /** Absolute path of the file, when esbuild names one. */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based (esbuild counts from 0; editors and terminals count from 1). */
  readonly column?: number;
  /** The source line, as esbuild quotes it. */
  readonly lineText?: string;
}

/** esbuild's messages, with file paths made absolute (esbuild gives them relative to the working folder). */
export function fromEsbuildMessages(messages: readonly Message[], workingDir: string): BuildMessage[] {
  return messages.map((message) => {
    const location = message.location;
    if (location === null) return { text: message.text };
    return {
      text: message.text,
      file: isAbsolute(location.file) ? location.file : join(workingDir, location.file),
      line: location.line,
      column: location.column + 1,
      lineText: location.lineText,
    };
  });
}

/** `src/app.ts:3:9: Expected ";" but found "x"`, with the path relative to `cwd`. */
export function formatBuildMessage(message: BuildMessage, cwd = process.cwd()): string {
  if (message.file === undefined) return message.text;
  const file = relative(cwd, message.file) || message.file;
  const place = [file, message.line, message.column].filter((part) => part !== undefined).join(':');
  return `${place}: ${message.text}`;
}
