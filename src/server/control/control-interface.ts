/**
 * The control interface: a small JSON API under `/_gatehouse/control/` on gatehouse's own port, for
 * `gatehouse deploy`, `gatehouse flush-cache` and later the inspector (docs/decisions/0002-control-interface.md).
 *
 *   GET  /_gatehouse/control/status                  deployments per stage, cache entries, pending changes
 *   POST /_gatehouse/control/deploy        {stage?}  a new deployment for every stage (or the named one)
 *   POST /_gatehouse/control/flush-cache   {stage}   "Flush entire cache" of the stage
 *   POST /_gatehouse/control/update-stage  {stage, patchOperations}  UpdateStage's method-setting paths
 */
import { UnknownStageError } from '../../deploy/deployment-manager.js';
import type { GatewayRequest, GatewayResponse } from '../../pipeline/http-message.js';
import type { Gateway } from '../gateway.js';
import { refuseUnlessLocal } from './loopback-guard.js';
import { applyPatchOperations, PatchError } from './stage-patch.js';

export const CONTROL_PREFIX = '/_gatehouse/control/';

export interface ControlEvents {
  /** A deploy or a flush made through the control interface, for the terminal. */
  readonly onControl?: (event: ControlEvent) => void;
}

export type ControlEvent =
  | { readonly kind: 'deployed'; readonly result: ReturnType<Gateway['deploy']>; readonly stage?: string }
  | { readonly kind: 'cache-flushed'; readonly result: ReturnType<Gateway['deployments']['flushCache']> }
  | { readonly kind: 'stage-updated'; readonly stage: string; readonly operations: number };

export function isControlRequest(target: string): boolean {
  return target.startsWith(CONTROL_PREFIX) || target === CONTROL_PREFIX.slice(0, -1);
}

export async function handleControlRequest(
  gateway: Gateway,
  request: GatewayRequest,
  events: ControlEvents = {},
): Promise<GatewayResponse> {
  const refused = refuseUnlessLocal(request);
  if (refused !== undefined) return json(403, { error: 'forbidden', message: `control interface: ${refused}` });
  const path = request.target.split('?')[0] as string;
  const action = path.slice(CONTROL_PREFIX.length);
  try {
    if (request.method === 'GET' && action === 'status') return json(200, gateway.deployments.status());
    if (request.method !== 'POST') return json(405, { error: 'method-not-allowed', message: `${request.method} ${path}` });
    const body = parseBody(request.body);
    switch (action) {
      case 'deploy': {
        const stage = optionalString(body, 'stage');
        const result = gateway.deploy(stage);
        events.onControl?.({ kind: 'deployed', result, ...(stage === undefined ? {} : { stage }) });
        return json(200, { deployments: result, status: gateway.deployments.status() });
      }
      case 'flush-cache': {
        const stage = optionalString(body, 'stage');
        if (stage === undefined) return json(400, { error: 'bad-request', message: 'flush-cache needs {"stage": "NAME"}' });
        const result = gateway.deployments.flushCache(stage);
        events.onControl?.({ kind: 'cache-flushed', result });
        return json(200, { flushed: result });
      }
      case 'update-stage': {
        const stage = optionalString(body, 'stage');
        if (stage === undefined)
          return json(400, { error: 'bad-request', message: 'update-stage needs {"stage": "NAME", "patchOperations": [...]}' });
        const operations = applyPatchOperations(gateway.deployments.stageStates(stage), body.patchOperations);
        gateway.refreshStages();
        events.onControl?.({ kind: 'stage-updated', stage, operations });
        return json(200, { stage, operations });
      }
      default:
        return json(404, {
          error: 'not-found',
          message: `no control action ${JSON.stringify(action)}; use status, deploy, flush-cache or update-stage`,
        });
    }
  } catch (error) {
    if (error instanceof UnknownStageError)
      return json(404, { error: 'unknown-stage', message: error.message, stages: error.known });
    if (error instanceof PatchError || error instanceof BodyError)
      return json(400, { error: 'bad-request', message: error.message });
    throw error;
  }
}

class BodyError extends Error {}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BodyError('the body must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new BodyError('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new BodyError(`${key} must be a non-empty string`);
  return value;
}

function json(status: number, value: unknown): GatewayResponse {
  const body = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  return {
    status,
    headers: [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['Cache-Control', 'no-store'],
      ['Date', new Date().toUTCString()],
    ],
    body,
  };
}
