import type { AccessLogSetting } from '../model/index.js';
import { headerValue } from '../pipeline/http-message.js';
import { splitTarget } from '../pipeline/request-target.js';
import type { Exchange, Gateway } from '../server/gateway.js';
import { formatAccessLog } from './access-log-format.js';
import { accessLogVariables, type LoggedStage } from './access-log-variables.js';

export interface AccessLogLine {
  readonly line: string;
  readonly setting: AccessLogSetting;
  readonly stage: LoggedStage;
}

/**
 * The access-log line the stage that served this request would write, when its AccessLogSetting has a Format.
 * AWS logs every request a stage receives, including those it answers itself (403 Missing Authentication
 * Token, 429, 502, ...); a request that names no stage reaches none, so nothing is logged for it.
 */
export function accessLogLine(gateway: Gateway, exchange: Exchange): AccessLogLine | undefined {
  const found = findStage(gateway, exchange);
  if (found === undefined) return undefined;
  return { line: formatAccessLog(found.setting.format, accessLogVariables(exchange, found.stage)), ...found };
}

function findStage(gateway: Gateway, exchange: Exchange): { setting: AccessLogSetting; stage: LoggedStage } | undefined {
  const { request, trace } = exchange;
  const api = trace.api;
  if (api) {
    const stages = api.type === 'REST' ? gateway.stages.rest() : gateway.stages.http();
    const served = stages.find((s) => s.deployment.api.id === api.id && s.stage.name === api.stage);
    const setting = served?.stage.accessLogSetting;
    return setting ? { setting, stage: { type: api.type, apiId: api.id, stage: api.stage } } : undefined;
  }
  const target = gateway.stages.resolve(headerValue(request.headers, 'host'), splitTarget(request.target).rawPath);
  if (target.type === 'none') return undefined;
  const setting = target.deployed.stage.accessLogSetting;
  if (setting === undefined) return undefined;
  const type = target.type === 'rest' ? 'REST' : 'HTTP';
  return { setting, stage: { type, apiId: target.deployed.deployment.api.id, stage: target.deployed.stage.name } };
}
