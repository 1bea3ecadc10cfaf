import { readFileSync } from 'node:fs';

export interface MemorySample {
  /** Resident set size now, in kB (VmRSS). */
  readonly rssKb: number;
  /** Peak resident set size since the process started, in kB (VmHWM). */
  readonly peakKb: number;
}

/**
 * Reads a process's memory from /proc (Linux). Returns undefined elsewhere or once the process is gone,
 * so memory limits are only enforced on Linux.
 */
export function sampleMemory(pid: number): MemorySample | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  return { rssKb: readKb(status, 'VmRSS:'), peakKb: readKb(status, 'VmHWM:') };
}

function readKb(status: string, key: string): number {
  const at = status.indexOf(key);
  if (at === -1) return 0;
  return Number.parseInt(status.slice(at + key.length).trimStart(), 10) || 0;
}
