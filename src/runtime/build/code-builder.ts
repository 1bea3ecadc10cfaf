import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { FunctionSpec } from '../../model/function-spec.js';
import { type BuildFailure, buildFailure } from './build-failure.js';
import type { BuildMessage } from './build-messages.js';
import { buildWithEsbuild } from './esbuild-build.js';

/** The code an execution environment runs: the function as written, or its build output. */
export type PreparedCode =
  | { readonly kind: 'ready'; readonly fn: FunctionSpec }
  | { readonly kind: 'build-failed'; readonly failure: BuildFailure };

/** The "prepare code" step the runtime takes before an environment starts. */
export interface CodePreparer {
  /** Synchronous when nothing has to be waited for (every function without a build, and settled builds). */
  prepare(fn: FunctionSpec): PreparedCode | Promise<PreparedCode>;
}

export type BuildEvent =
  | {
      readonly kind: 'built';
      readonly functionLogicalId: string;
      readonly ms: number;
      readonly warnings: readonly BuildMessage[];
    }
  | {
      readonly kind: 'failed';
      readonly functionLogicalId: string;
      readonly ms: number;
      readonly errors: readonly BuildMessage[];
      readonly warnings: readonly BuildMessage[];
    };

export interface CodeBuilderOptions {
  /** Where build output goes. Default: a new folder under the OS temp folder, removed by dispose(). */
  readonly cacheDir?: string;
  /** Every build's outcome (start-up and rebuilds), for the terminal. */
  readonly onBuild?: (event: BuildEvent) => void;
}

/**
 * `sam build`'s esbuild builder only acts on `Metadata: BuildMethod: esbuild` (samcli `bundler.py`
 * `_esbuild_in_metadata`). Every other function runs from its code folder as it is, which is what AWS does
 * with the files it is given: an un-built `.ts` handler fails with Runtime.ImportModuleError (lambda.md §4.9).
 */
export function isEsbuildFunction(fn: FunctionSpec): boolean {
  return fn.buildMethod === 'esbuild';
}

/** One build of one function; a rebuild makes a new one (a new generation folder). */
interface BuildState {
  readonly specKey: string;
  readonly generation: number;
  readonly pending: Promise<PreparedCode>;
  settled?: PreparedCode;
  inputs: readonly string[];
}

/**
 * Builds esbuild functions into generation folders (`<cache>/<LogicalId>/<n>/`) and hands the runtime the
 * newest build. A rebuild writes a new folder, so environments still running the previous build keep their
 * files; the folder before that is removed.
 *
 * The default cache lives under the OS temp folder, not in the project: AWS's artifact has no package.json,
 * and one above the output folder (a project's `"type": "module"`) would change how Node loads `app.js`.
 */
export class CodeBuilder implements CodePreparer {
  readonly #states = new Map<string, BuildState>();
  readonly #options: CodeBuilderOptions;
  #cacheRoot: Promise<string> | undefined;
  #disposed = false;

  constructor(options: CodeBuilderOptions = {}) {
    this.#options = options;
  }

  prepare(fn: FunctionSpec): PreparedCode | Promise<PreparedCode> {
    if (!isEsbuildFunction(fn)) return { kind: 'ready', fn };
    const state = this.#states.get(fn.logicalId);
    if (state === undefined || state.specKey !== specKey(fn)) return this.#start(fn);
    return state.settled ?? this.#latest(fn.logicalId);
  }

  /** Builds these functions now (start-up, or after a change); resolves when every build has settled. */
  async build(fns: readonly FunctionSpec[]): Promise<void> {
    if (this.#disposed) return;
    await Promise.all(fns.filter(isEsbuildFunction).map((fn) => this.#start(fn)));
  }

  /** Where the function's code comes from: its code folder, plus the folders of bundled files outside it. */
  sourceFolders(fn: FunctionSpec): string[] {
    const folders = new Set([fn.codeUri]);
    for (const input of this.#states.get(fn.logicalId)?.inputs ?? []) {
      if (!isInside(fn.codeUri, input) && !input.split(sep).includes('node_modules')) folders.add(dirname(input));
    }
    return [...folders];
  }

  /** Waits for builds in progress, then removes the default cache folder. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.allSettled([...this.#states.values()].map((state) => state.pending));
    if (this.#options.cacheDir === undefined && this.#cacheRoot !== undefined) {
      await rm(await this.#cacheRoot, { recursive: true, force: true });
    }
  }

  #start(fn: FunctionSpec): Promise<PreparedCode> {
    const previous = this.#states.get(fn.logicalId);
    const generation = (previous?.generation ?? 0) + 1;
    const state: BuildState = {
      specKey: specKey(fn),
      generation,
      pending: this.#run(fn, generation).then((prepared) => {
        state.settled = prepared;
        return prepared;
      }),
      // Until this build succeeds, the files the last good one read are still the function's sources.
      inputs: previous?.inputs ?? [],
    };
    this.#states.set(fn.logicalId, state);
    return this.#latest(fn.logicalId);
  }

  async #run(fn: FunctionSpec, generation: number): Promise<PreparedCode> {
    let folder: string;
    try {
      folder = join(await this.#root(), fn.logicalId);
    } catch (error) {
      return { kind: 'build-failed', failure: buildFailure(fn.logicalId, [{ text: `no build folder: ${String(error)}` }]) };
    }
    const result = await buildWithEsbuild(fn, join(folder, String(generation)));
    const isLatest = this.#states.get(fn.logicalId)?.generation === generation;
    if (isLatest) {
      const state = this.#states.get(fn.logicalId);
      if (state !== undefined && result.kind === 'built') state.inputs = result.inputs;
      this.#report(fn, result);
    }
    // The generation before the previous one serves nobody any more.
    if (generation > 2) void rm(join(folder, String(generation - 2)), { recursive: true, force: true }).catch(() => {});
    if (result.kind === 'built') return { kind: 'ready', fn: result.fn };
    return { kind: 'build-failed', failure: buildFailure(fn.logicalId, result.errors) };
  }

  /** The newest build's outcome, following rebuilds that start while it is awaited. */
  async #latest(logicalId: string): Promise<PreparedCode> {
    for (;;) {
      const state = this.#states.get(logicalId);
      if (state === undefined) throw new Error(`no build of ${logicalId}`);
      const prepared = await state.pending;
      if (this.#states.get(logicalId) === state) return prepared;
    }
  }

  #report(fn: FunctionSpec, result: Awaited<ReturnType<typeof buildWithEsbuild>>): void {
    const { onBuild } = this.#options;
    if (onBuild === undefined) return;
    try {
      onBuild(
        result.kind === 'built'
          ? { kind: 'built', functionLogicalId: fn.logicalId, ms: result.ms, warnings: result.warnings }
          : { kind: 'failed', functionLogicalId: fn.logicalId, ms: result.ms, errors: result.errors, warnings: result.warnings },
      );
    } catch {
      // A broken listener must not break builds.
    }
  }

  #root(): Promise<string> {
    this.#cacheRoot ??=
      this.#options.cacheDir !== undefined
        ? Promise.resolve(this.#options.cacheDir)
        : mkdtemp(join(tmpdir(), 'gatehouse-build-'));
    return this.#cacheRoot;
  }
}

export function createCodeBuilder(options: CodeBuilderOptions = {}): CodeBuilder {
  return new CodeBuilder(options);
}

/** Everything that decides what the build produces (the built spec copies every field). */
function specKey(fn: FunctionSpec): string {
  const { source: _source, ...rest } = fn;
  return JSON.stringify(rest);
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
