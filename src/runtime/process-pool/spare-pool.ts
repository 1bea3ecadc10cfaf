import { accessSync, constants, statSync } from 'node:fs';
import type { FunctionSpec } from '../../model/function-spec.js';
import type { RuntimeLaunch } from './runtime-command.js';
import { SpareProcess } from './spare-process.js';
import { type SpareRecipe, type SpareRecipeInputs, spareRecipe } from './spare-recipe.js';

/** What the pool did, for tests and diagnostics; never shown to functions. */
export interface SpareEvent {
  /** `ready`: started up and waiting for a function. */
  readonly kind: 'started' | 'ready' | 'assigned' | 'killed' | 'died';
  readonly pid: number | undefined;
  readonly key: string;
}

export interface SparePoolOptions extends SpareRecipeInputs {
  /** How many spares to keep for the most common key; 0 disables. */
  readonly size: number;
  readonly onEvent?: (event: SpareEvent) => void;
}

/**
 * Pre-started Node runtime processes that a cold start can take instead of spawning one
 * (docs/decisions/0001-execution-environments.md, addendum "spare environments"). Spares are kept for one key
 * only: the one most cold starts asked for (the first cold start's, to begin with). They are started one
 * at a time, in the background, once a cold start has answered its request: never in front of one.
 */
export class SparePool {
  readonly #spares = new Set<SpareProcess>();
  readonly #coldStarts = new Map<string, number>();
  /** Keys whose spares died on their own before assignment: spawning more would only fail again. */
  readonly #failed = new Set<string>();
  #target: SpareRecipe | undefined;
  #launching = false;
  #disposed = false;

  constructor(private readonly options: SparePoolOptions) {}

  /**
   * A cold start of `fn`: counts its key, and returns a waiting spare that can become its environment, if
   * there is one. A function whose code folder cannot be entered gets none: its spawn fails the way AWS's
   * does, which a spare could not reproduce.
   */
  take(fn: FunctionSpec, launch: Extract<RuntimeLaunch, { kind: 'spawn' }>, inThread = false): SpareProcess | undefined {
    if (this.options.size <= 0 || this.#disposed) return undefined;
    const recipe = spareRecipe(fn, launch, this.options, inThread);
    if (recipe === undefined) return undefined;
    this.#countColdStart(recipe);
    if (!isEnterableFolder(fn.codeUri)) return undefined;
    // A waiting spare first; else one still starting up, which is ready sooner than a process or thread
    // started now would be (the caller waits for it, and starts afresh if it dies instead).
    let starting: SpareProcess | undefined;
    for (const spare of this.#spares) {
      if (spare.recipe.key !== recipe.key) continue;
      if (spare.state === 'waiting') return this.#handOut(spare);
      if (spare.state === 'starting') starting ??= spare;
    }
    return starting === undefined ? undefined : this.#handOut(starting);
  }

  #handOut(spare: SpareProcess): SpareProcess {
    this.#spares.delete(spare);
    this.#emit('assigned', spare);
    return spare;
  }

  /**
   * Tops up the spares once `settled` has (the cold start that used one answered its request, or is well past
   * its init). Several calls start no more than one spare at a time.
   */
  refillAfter(settled: Promise<unknown>): void {
    if (this.options.size <= 0) return;
    void settled.then(() => setImmediate(() => this.#refill()));
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([...this.#spares].map((spare) => this.#kill(spare)));
  }

  #countColdStart(recipe: SpareRecipe): void {
    const count = (this.#coldStarts.get(recipe.key) ?? 0) + 1;
    this.#coldStarts.set(recipe.key, count);
    const target = this.#target;
    if (target !== undefined && (target.key === recipe.key || count <= (this.#coldStarts.get(target.key) ?? 0))) return;
    this.#target = recipe;
    for (const spare of this.#spares) {
      if (spare.recipe.key !== recipe.key) void this.#kill(spare);
    }
  }

  /** Starts one spare when there are fewer than `size` for the target key and none is starting. */
  #refill(): void {
    const target = this.#target;
    if (this.#disposed || this.#launching || target === undefined || this.#failed.has(target.key)) return;
    let live = 0;
    for (const spare of this.#spares) {
      if (spare.recipe.key !== target.key) continue;
      if (spare.state === 'starting') return;
      live++;
    }
    if (live >= this.options.size) return;
    this.#launching = true;
    SpareProcess.start(target, (spare) => this.#onChange(spare)).then(
      (spare) => {
        this.#launching = false;
        if (this.#disposed) {
          void spare.kill();
          return;
        }
        this.#spares.add(spare);
        this.#emit('started', spare);
      },
      () => {
        this.#launching = false;
      },
    );
  }

  #onChange(spare: SpareProcess): void {
    if (spare.state === 'waiting') {
      this.#emit('ready', spare);
      // The next one starts only now, so at most one spare is ever starting up.
      this.#refill();
      return;
    }
    if (spare.state !== 'dead' || !this.#spares.delete(spare)) return;
    if (spare.diedUnassigned) {
      this.#failed.add(spare.recipe.key);
      this.#emit('died', spare);
    }
  }

  async #kill(spare: SpareProcess): Promise<void> {
    this.#spares.delete(spare);
    this.#emit('killed', spare);
    await spare.kill();
  }

  #emit(kind: SpareEvent['kind'], spare: SpareProcess): void {
    try {
      this.options.onEvent?.({ kind, pid: spare.pid, key: spare.recipe.key });
    } catch {
      // Diagnostics must not break invokes.
    }
  }
}

/** What spawn's `cwd` needs: a folder this process may enter. */
function isEnterableFolder(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
