import { type ChildProcess, spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import type { RuntimeApiEvents } from '../runtime-api/runtime-api-context.js';
import { attachRuntimeApiPipe } from '../runtime-api/runtime-api-pipe.js';
import { RuntimeApiServer } from '../runtime-api/runtime-api-server.js';
import { processHost, type RuntimeHost, startRuntimeThread } from './runtime-host.js';
import { RUNTIME_API_FD, type SpareRecipe } from './spare-recipe.js';

/** Where an assigned thread's output goes (a process's is read from its pipes by the environment). */
export interface SpareOutput {
  readonly onOutput: (fd: 1 | 2, chunk: Buffer) => void;
}

/**
 * `starting` (node is starting up) → `waiting` (the client asked for its function on the pipe) → `assigned`
 * (an ExecutionEnvironment owns the process now); `dead` when it exits or is killed before that.
 */
export type SpareState = 'starting' | 'waiting' | 'assigned' | 'dead';

/**
 * A Node runtime process (or, for thread isolation, a runtime thread: decision 0004) started before it is needed (docs/decisions/0001-execution-environments.md, addendum
 * "spare environments"), with its own Runtime API server so that AWS_LAMBDA_RUNTIME_API can be known at
 * assignment. It has run nothing but gatehouse's client (runtime-clients/node/spare-assignment.mjs), which
 * waits for the `assignment` frame before it reads any setting of a function. Its stdout and stderr are not
 * read until it is assigned: anything printed while starting reaches the environment's log as init output,
 * as it would have from a freshly spawned runtime.
 */
export class SpareProcess {
  readonly #child: ChildProcess | undefined;
  readonly #thread: RuntimeHost | undefined;
  #output: SpareOutput | undefined;
  #state: SpareState = 'starting';
  readonly #waiters: Array<(waiting: boolean) => void> = [];
  #assign: ((meta: string) => void) | undefined;
  #killed = false;
  #closed: Promise<void> | undefined;

  private constructor(
    readonly recipe: SpareRecipe,
    readonly api: RuntimeApiServer,
    private readonly route: { events: RuntimeApiEvents | undefined },
    private readonly onChange: (spare: SpareProcess) => void,
  ) {
    const onAwaitAssignment = (assign: (meta: string) => void): void => {
      if (this.#state !== 'starting') return;
      this.#assign = assign;
      this.#state = 'waiting';
      for (const resolve of this.#waiters.splice(0)) resolve(true);
      this.onChange(this);
    };
    if (recipe.thread !== undefined) {
      const host = startRuntimeThread(recipe.thread, recipe.env, 'spare', api.session, {
        onAwaitAssignment,
        onOutput: (fd, chunk) => this.#output?.onOutput(fd, chunk),
      });
      host.onGone(() => this.#gone());
      this.#thread = host;
      return;
    }
    const child = spawn(recipe.command, [...recipe.args], {
      cwd: recipe.cwd,
      env: recipe.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    this.#child = child;
    attachRuntimeApiPipe(api.session, child.stdio[RUNTIME_API_FD] as Duplex, { onAwaitAssignment });
    child.once('error', () => this.#gone());
    child.once('exit', () => this.#gone());
  }

  static async start(recipe: SpareRecipe, onChange: (spare: SpareProcess) => void): Promise<SpareProcess> {
    // Until assigned, nothing calls these (the client sends no Runtime API request before its assignment).
    const route: { events: RuntimeApiEvents | undefined } = { events: undefined };
    const api = await RuntimeApiServer.start({
      onNext: () => route.events?.onNext(),
      onInvocationDelivered: (id, deadlineMs) => route.events?.onInvocationDelivered(id, deadlineMs),
      onInvocationResponse: (id, body) => route.events?.onInvocationResponse(id, body),
      onResponseTooLarge: (id) => route.events?.onResponseTooLarge(id),
      onInvocationError: (id, body, errorType) => route.events?.onInvocationError(id, body, errorType),
      onInitError: (body, errorType) => route.events?.onInitError(body, errorType),
    });
    return new SpareProcess(recipe, api, route, onChange);
  }

  get state(): SpareState {
    return this.#state;
  }

  /** Resolves true once the spare waits for its function (at once if it does), false if it died first. */
  whenWaiting(): Promise<boolean> {
    if (this.#state === 'waiting') return Promise.resolve(true);
    if (this.#state !== 'starting') return Promise.resolve(false);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The process id; undefined for a thread. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** True when it went away before being assigned without gatehouse killing it (e.g. bad NODE_OPTIONS). */
  get diedUnassigned(): boolean {
    return this.#state === 'dead' && !this.#killed;
  }

  /**
   * Makes this process the runtime of one environment: from now on its Runtime API reports to `events`, and
   * the client receives the function's environment variables and cwd. Only a `waiting` spare can be assigned.
   */
  assign(events: RuntimeApiEvents, env: Readonly<Record<string, string>>, cwd: string, output: SpareOutput): RuntimeHost {
    const assign = this.#assign;
    if (this.#state !== 'waiting' || assign === undefined) throw new Error(`cannot assign a ${this.#state} spare`);
    this.#state = 'assigned';
    this.route.events = events;
    this.#output = output;
    assign(JSON.stringify({ env, cwd }));
    return this.#thread ?? processHost(this.#child as ChildProcess, this.recipe.command);
  }

  /** Kills an unassigned spare (an assigned one belongs to its environment). */
  async kill(): Promise<void> {
    if (this.#state === 'assigned') return;
    this.#killed = true;
    if (this.#thread !== undefined) this.#thread.kill();
    else this.#child?.kill('SIGKILL');
    this.#gone();
    await this.#closed;
  }

  #gone(): void {
    if (this.#state === 'assigned' || this.#state === 'dead') return;
    this.#state = 'dead';
    for (const resolve of this.#waiters.splice(0)) resolve(false);
    this.#closed = this.api.close();
    this.onChange(this);
  }
}
