import type { FunctionSpec } from '../../model/function-spec.js';
import type { DoctorContext, RestFunctionMethod } from '../doctor-context.js';
import type { HandlerSource } from '../handler-source.js';

/** Functions behind at least one REST AWS_PROXY method, with their source and one method to name. */
export function restProxyHandlers(
  ctx: DoctorContext,
): { fn: FunctionSpec; handler: HandlerSource; entry: RestFunctionMethod; apis: string[] }[] {
  const found = new Map<string, { fn: FunctionSpec; handler: HandlerSource; entry: RestFunctionMethod; apis: string[] }>();
  for (const entry of ctx.restMethods()) {
    if (!entry.proxy) continue;
    const known = found.get(entry.functionLogicalId);
    if (known !== undefined) {
      if (!known.apis.includes(entry.api.logicalId)) known.apis.push(entry.api.logicalId);
      continue;
    }
    const fn = ctx.functionByLogicalId(entry.functionLogicalId);
    const handler = fn && ctx.handlerOf(fn);
    if (fn !== undefined && handler !== undefined) found.set(fn.logicalId, { fn, handler, entry, apis: [entry.api.logicalId] });
  }
  return [...found.values()];
}
