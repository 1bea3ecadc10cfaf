import type { Isolation } from '../runtime/index.js';
import { UsageError } from './usage-error.js';

/** `--isolation thread|process`: where Node functions' execution environments run (decision 0004). */
export function readIsolationOption(value: string | undefined): Isolation | undefined {
  if (value === undefined) return undefined;
  if (value !== 'thread' && value !== 'process') throw new UsageError(`--isolation must be thread or process, got "${value}"`);
  return value;
}
