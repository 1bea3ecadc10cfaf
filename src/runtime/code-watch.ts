/**
 * Hot reload: a change under a function's code folder sends its new requests to fresh execution environments,
 * while requests in flight finish on the environments they started on; the others stay warm.
 * (Not an AWS behaviour: on AWS a deploy does the same, publishing new code for new invokes. `sam local
 * start-api` instead mounts the folder into each new container, so it reloads per invoke.)
 */
import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { FunctionSpec } from '../model/function-spec.js';
import { type CodeBuilder, isEsbuildFunction } from './build/code-builder.js';
import { FolderTreeWatcher } from './build/folder-tree-watcher.js';
import type { LambdaRuntime } from './runtime.js';

export interface ReloadEvent {
  /** The functions whose next requests go to fresh environments, in template order. */
  readonly functionLogicalIds: readonly string[];
  /** The (first) file whose change caused the reload, absolute. */
  readonly changedFile: string;
  /** Every file that changed within the debounce window. */
  readonly changedFiles: readonly string[];
}

export interface CodeWatchOptions {
  readonly functions: readonly FunctionSpec[];
  readonly runtime: Pick<LambdaRuntime, 'recycle'>;
  /** Rebuilds esbuild functions and knows which folders their bundles read. */
  readonly builder: Pick<CodeBuilder, 'build' | 'sourceFolders'>;
  readonly onReload?: (event: ReloadEvent) => void;
  /** Changes closer together than this make one reload. Default 100 ms. */
  readonly debounceMs?: number;
}

export interface CodeWatch {
  close(): void;
}

/** Watches every function's code folders; resolves once they are all watched. */
export async function watchFunctionCode(options: CodeWatchOptions): Promise<CodeWatch> {
  const reloader = new CodeReloader(options);
  await reloader.watchFolders(options.functions);
  return { close: () => reloader.close() };
}

class CodeReloader {
  readonly #options: CodeWatchOptions;
  readonly #tree: FolderTreeWatcher;
  readonly #pending = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  /** Reloads run one after another; changes during one make the next. */
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: CodeWatchOptions) {
    this.#options = options;
    this.#tree = new FolderTreeWatcher((path) => this.#changed(path));
  }

  async watchFolders(functions: readonly FunctionSpec[]): Promise<void> {
    const folders = new Set(functions.flatMap((fn) => this.#options.builder.sourceFolders(fn)));
    await Promise.all([...folders].map((folder) => this.#tree.add(folder)));
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#tree.close();
  }

  #changed(path: string): void {
    if (this.#closed) return;
    this.#pending.add(path);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const files = [...this.#pending];
      this.#pending.clear();
      this.#queue = this.#queue.then(() => this.#reload(files)).catch(() => {});
    }, this.#options.debounceMs ?? 100);
    this.#timer.unref();
  }

  async #reload(files: readonly string[]): Promise<void> {
    if (this.#closed) return;
    const affected = this.#options.functions.filter((fn) =>
      this.#options.builder.sourceFolders(fn).some((folder) => files.some((file) => isWithin(folder, file))),
    );
    if (affected.length === 0) return;
    const built = affected.filter(isEsbuildFunction);
    await this.#options.builder.build(built);
    const functionLogicalIds = affected.map((fn) => fn.logicalId);
    await this.#options.runtime.recycle(functionLogicalIds);
    // A rebuilt bundle may now read files from other folders.
    await this.watchFolders(built);
    if (this.#closed) return;
    // Name the files that are there now: an editor's (or `sed -i`'s) temporary file is gone by now. Only a
    // deletion leaves nothing to name but the deleted files.
    const present = files.filter((file) => existsSync(file));
    const changedFiles = present.length > 0 ? present : files;
    const changedFile = changedFiles[0] as string;
    try {
      this.#options.onReload?.({ functionLogicalIds, changedFile, changedFiles });
    } catch {
      // A broken listener must not stop hot reload.
    }
  }
}

function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}
