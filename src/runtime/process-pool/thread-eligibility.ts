import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FunctionSpec } from '../../model/function-spec.js';

/**
 * Whether a Node function may run in a worker thread (decision 0004) or needs a process of its own, because a
 * thread would show it something a Lambda runtime process does not:
 *
 * - a native addon (`*.node` under its code folder): a crash in native code would take the gateway down with
 *   it, and addons that are not context-aware cannot load in a thread at all;
 * - NODE_OPTIONS: a thread cannot take node's command-line options;
 * - a time zone other than the process's: TZ is one setting per process, and every Lambda runtime runs in UTC
 *   (`TZ=:UTC`, lambda.md §8), so threads are used only when this process runs in UTC too.
 */
/** A code folder with more entries than this is not searched to the end: it runs in a process. */
const MAX_ENTRIES_SCANNED = 50_000;

export class ThreadEligibility {
  readonly #addons = new Map<string, Promise<boolean>>();
  readonly #processInUtc = runsInUtc();

  constructor(private readonly envOverrides: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined) {}

  async mayUseThread(fn: FunctionSpec): Promise<boolean> {
    const variables = { ...fn.environment, ...this.envOverrides?.Parameters, ...this.envOverrides?.[fn.logicalId] };
    if ((variables.NODE_OPTIONS ?? '') !== '') return false;
    const tz = variables.TZ;
    if (tz !== undefined && !/^:?(UTC|Etc\/UTC|GMT)$/.test(tz)) return false;
    if (!this.#processInUtc) return false;
    return !(await this.#hasNativeAddon(fn.codeUri));
  }

  /** Code changed (hot reload): look for addons again. */
  forget(): void {
    this.#addons.clear();
  }

  /** Searched once per code folder (until the code changes), without blocking the gateway meanwhile. */
  #hasNativeAddon(codeUri: string): Promise<boolean> {
    let search = this.#addons.get(codeUri);
    if (search === undefined) {
      search = findNativeAddon(codeUri);
      this.#addons.set(codeUri, search);
    }
    return search;
  }
}

/** Whether a `*.node` file lies under `root` (breadth-first); a search cut short counts as one. */
async function findNativeAddon(root: string): Promise<boolean> {
  const queue = [root];
  let scanned = 0;
  for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++scanned > MAX_ENTRIES_SCANNED) return true;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) queue.push(path);
      else if (entry.name.endsWith('.node')) return true;
    }
  }
  return false;
}

/** UTC in winter and in summer: no offset and no daylight saving time. */
function runsInUtc(): boolean {
  return new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset() === 0 && new Date(Date.UTC(2024, 6, 15)).getTimezoneOffset() === 0;
}
