import type { FunctionSpec } from '../../model/function-spec.js';
import type { ExecutionEnvironment } from './execution-environment.js';

/**
 * The execution environments of one function. One request at a time per environment; a warm one is reused,
 * otherwise a new one cold-starts (lambda.md §1.5).
 */
export class FunctionPool {
  readonly environments = new Set<ExecutionEnvironment>();
  /** Environments that must not take new requests (hot reload): disposed once idle. */
  readonly retired = new WeakSet<ExecutionEnvironment>();
  /** Environments set aside for the invoke that started them (between spawn and assignment). */
  readonly claimed = new WeakSet<ExecutionEnvironment>();
  /** Invokes in progress, for ReservedConcurrentExecutions (lambda.md §1.10). */
  inFlight = 0;

  constructor(public specKey: string) {}

  /**
   * A warm environment: blocked in /next (`ready`) first, else one that has answered and is about to ask
   * for the next event (`finishing`); the event waits for that /next.
   */
  takeWarm(): ExecutionEnvironment | undefined {
    let finishing: ExecutionEnvironment | undefined;
    for (const env of this.environments) {
      if (!this.isAvailable(env)) continue;
      if (env.phase === 'ready') return env;
      finishing ??= env;
    }
    return finishing;
  }

  isAvailable(env: ExecutionEnvironment): boolean {
    return (
      (env.phase === 'ready' || env.phase === 'finishing') && !env.isAssigned && !this.claimed.has(env) && !this.retired.has(env)
    );
  }

  /** Retires every environment; returns those idle now, for disposal. */
  retireAll(): ExecutionEnvironment[] {
    const idle: ExecutionEnvironment[] = [];
    for (const env of this.environments) {
      this.retired.add(env);
      if (!env.isAssigned && !this.claimed.has(env)) idle.push(env);
    }
    return idle;
  }
}

const specKeys = new WeakMap<FunctionSpec, string>();

/**
 * What makes two FunctionSpecs run differently; a change sends new requests to fresh environments.
 * Computed once per spec object (specs are read-only), not on every invoke.
 */
export function functionSpecKey(fn: FunctionSpec): string {
  let key = specKeys.get(fn);
  if (key === undefined) {
    const { source: _source, ...rest } = fn;
    key = JSON.stringify(rest);
    specKeys.set(fn, key);
  }
  return key;
}
