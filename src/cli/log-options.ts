import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { LogFormat, LogLevel, LogOptions } from './log-reporter.js';
import { UsageError } from './usage-error.js';

/** `--log-level info|debug`, `--log-format text|json`, `--access-log FILE` (appended to, created when missing). */
export function readLogOptions(values: { 'log-level'?: string; 'log-format'?: string; 'access-log'?: string }): LogOptions {
  const level = values['log-level'] ?? 'info';
  if (level !== 'info' && level !== 'debug') throw new UsageError(`--log-level must be info or debug, got "${level}"`);
  const format = values['log-format'] ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--log-format must be text or json, got "${format}"`);
  const file = values['access-log'];
  return {
    level: level satisfies LogLevel,
    format: format satisfies LogFormat,
    ...(file ? { accessLogFile: createWriteStream(resolve(file), { flags: 'a' }) } : {}),
  };
}
