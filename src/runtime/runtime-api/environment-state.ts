/**
 * The runtime's side of one execution environment, as the Lambda Runtime API sees it.
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 * State names and allowed transitions are RIE's (`internal/lambda/core/states.go`,
 * `runtime_state_names.go`); every transition not listed here is refused with 403 InvalidStateTransition.
 */

export type RuntimeStateName =
  | 'Started'
  | 'InitError'
  | 'Ready'
  | 'Running'
  | 'InvocationResponse'
  | 'InvocationErrorResponse'
  | 'RuntimeResponseSentState';

/** What the runtime asks for: `ready` = GET /next, the others = the POST endpoints. */
export type RuntimeTransition = 'ready' | 'invocationResponse' | 'invocationErrorResponse' | 'responseSent' | 'initError';

/** The state each transition aims at, as RIE names it in its 403 message. */
const transitionTarget: Readonly<Record<RuntimeTransition, RuntimeStateName>> = {
  ready: 'Ready',
  invocationResponse: 'InvocationResponse',
  invocationErrorResponse: 'InvocationErrorResponse',
  responseSent: 'RuntimeResponseSentState',
  initError: 'InitError',
};

/**
 * The whole table. `Running` covers both "blocked in /next" and "handling an event": RIE allows a /next
 * from Running (a no-op), so a runtime that forgets to respond simply never completes its invoke.
 */
const allowedTransitions: Readonly<Record<RuntimeStateName, Readonly<Partial<Record<RuntimeTransition, RuntimeStateName>>>>> = {
  Started: { ready: 'Running', initError: 'InitError' },
  InitError: {},
  Ready: { ready: 'Running' },
  Running: {
    ready: 'Running',
    invocationResponse: 'InvocationResponse',
    invocationErrorResponse: 'InvocationErrorResponse',
  },
  InvocationResponse: { responseSent: 'RuntimeResponseSentState' },
  InvocationErrorResponse: { responseSent: 'RuntimeResponseSentState' },
  RuntimeResponseSentState: { ready: 'Running' },
};

export type TransitionOutcome =
  | { readonly ok: true; readonly from: RuntimeStateName; readonly to: RuntimeStateName }
  | { readonly ok: false; readonly from: RuntimeStateName; readonly to: RuntimeStateName };

export class EnvironmentState {
  #name: RuntimeStateName = 'Started';

  get name(): RuntimeStateName {
    return this.#name;
  }

  /** Applies the transition when the table allows it; otherwise leaves the state alone. */
  transition(transition: RuntimeTransition): TransitionOutcome {
    const from = this.#name;
    const next = allowedTransitions[from][transition];
    if (next === undefined) return { ok: false, from, to: transitionTarget[transition] };
    this.#name = next;
    return { ok: true, from, to: next };
  }
}

/** RIE `rapi/handler/constants.go` StateTransitionFailedForRuntimeMessageFormat with `core.ErrNotAllowed`. */
export function describeRefusedTransition(from: RuntimeStateName, to: RuntimeStateName): string {
  return `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`;
}
