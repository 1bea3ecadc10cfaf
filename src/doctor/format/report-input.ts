import type { DoctorReport } from '../run-doctor.js';

/** What every formatter needs besides the findings. */
export interface FormatOptions {
  /** gatehouse's version (package.json). */
  readonly version: string;
  /** Paths are shown relative to this folder. */
  readonly cwd: string;
  /** Whether --probe ran (the JSON format says so even when it found nothing). */
  readonly probed: boolean;
}

export type Formatter = (report: DoctorReport, options: FormatOptions) => string;
