import { type Dirent, type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';

/** Folders whose changes are never code changes: dependencies, VCS data, build output. */
const IGNORED_FOLDERS = new Set(['node_modules', '.git', '.aws-sam', '.gatehouse']);

/** Editors' temporary and swap files (vim writes `4913` to probe a folder). */
function isEditorTemporary(name: string): boolean {
  return name.endsWith('~') || /\.sw[a-p]x?$/.test(name) || name.startsWith('.#') || name === '4913';
}

/**
 * Watches folder trees with one `fs.watch` per folder and reports changed paths.
 *
 * Not `fs.watch(root, { recursive: true })`: on Linux, Node 20's recursive mode (lib/internal/fs/recursive_watch.js)
 * reads the whole tree synchronously and opens one inotify watch per file, node_modules included, with no way
 * to leave folders out. Watching folders is enough: inotify reports changes to the files in a watched folder.
 */
export class FolderTreeWatcher {
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #onChange: (path: string) => void;
  #closed = false;

  constructor(onChange: (path: string) => void) {
    this.#onChange = onChange;
  }

  /**
   * Starts watching `root` and the folders under it; resolves once every folder is watched. With
   * `reportFiles`, the files found are reported as changed (a folder that appeared, moved in with its files).
   */
  async add(root: string, reportFiles = false): Promise<void> {
    if (this.#closed || this.#watchers.has(root) || IGNORED_FOLDERS.has(basename(root))) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(root, { persistent: false }, (_event, name) => {
        if (name !== null) this.#changed(root, join(root, name.toString()));
      });
    } catch {
      return; // Gone, or not a folder.
    }
    watcher.on('error', () => this.#forget(root));
    this.#watchers.set(root, watcher);
    let entries: Dirent[] = [];
    try {
      entries = await readdir(root, { withFileTypes: true });
    } catch {
      return;
    }
    if (reportFiles) {
      for (const e of entries) if (!e.isDirectory() && !isEditorTemporary(e.name)) this.#onChange(join(root, e.name));
    }
    await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => this.add(join(root, e.name), reportFiles)));
  }

  close(): void {
    this.#closed = true;
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }

  #changed(folder: string, path: string): void {
    const name = basename(path);
    if (this.#closed || IGNORED_FOLDERS.has(name) || isEditorTemporary(name)) return;
    stat(path).then(
      (stats) => {
        // A folder that appeared is watched, and its files count as changed; a folder already watched
        // (its own watcher reports what happens inside) is no change.
        if (stats.isDirectory()) void this.add(path, true);
        else this.#onChange(path);
      },
      () => {
        // Deleted (or renamed away): a change; stop watching it and what was under it.
        this.#onChange(path);
        if (path !== folder) this.#forget(path);
      },
    );
  }

  #forget(folder: string): void {
    for (const [path, watcher] of this.#watchers) {
      const rel = relative(folder, path);
      if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep))) {
        watcher.close();
        this.#watchers.delete(path);
      }
    }
  }
}
