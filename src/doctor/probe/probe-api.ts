import { failures } from '../../failures/catalogue.js';
import { type InjectResponse, startGateway } from '../../index.js';
import type { ApiModel } from '../../model/rest-api.js';
import type { Failure, Notice } from '../../pipeline/trace.js';
import { locateHandler } from '../../runtime/handler-location.js';
import { locationOf } from '../doctor-context.js';
import { type Finding, type FindingLocation, type Severity, severityOrder } from '../finding.js';
import { probeRuleFor } from './probe-rules.js';
import { listProbeRoutes, type SampleRequest, sampleRequestsFor } from './sample-requests.js';

export interface ProbeOptions {
  readonly template: string;
  readonly model: ApiModel;
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  readonly region?: string;
}

/** Notices that describe gatehouse's own state rather than the user's API. */
const ignoredNotices = new Set(['STAGE_CACHE_HIT', 'DEPLOYMENT_OUT_OF_DATE']);

/**
 * `--probe`: starts the API as `gatehouse start` does (port 0, no watching), sends every route its sample
 * requests, and turns each answer the gateway made itself (trace.failure) and each surprising answer
 * (trace.notices: base64 text instead of bytes, ...) into a finding with gatehouse's explanation.
 */
export async function probeApi(options: ProbeOptions): Promise<{ findings: Finding[]; requests: number }> {
  const gateway = await startGateway({
    template: options.template,
    port: 0,
    ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  const merged = new Map<string, { finding: Finding; client: string; clients: string[] }>();
  let requests = 0;
  try {
    for (const route of listProbeRoutes(gateway.model)) {
      for (const sample of sampleRequestsFor(route)) {
        const response = await gateway.inject({
          method: sample.method,
          path: sample.target,
          headers: { Host: `${route.api.id}.execute-api.localhost`, ...sample.headers },
          ...(sample.body === undefined ? {} : { body: sample.body }),
        });
        requests += 1;
        for (const finding of findingsFor(sample, response, options.model)) {
          const key = `${route.api.logicalId}\0${route.method}\0${route.path}\0${finding.ruleId}`;
          const known = merged.get(key);
          if (known === undefined) merged.set(key, { finding, client: sample.client, clients: [sample.client] });
          else {
            known.clients.push(sample.client);
            if (severityOrder[finding.severity] < severityOrder[known.finding.severity]) {
              known.finding = finding;
              known.client = sample.client;
            }
          }
        }
      }
    }
  } finally {
    await gateway.close();
  }
  // One finding per route and rule: the most severe client's, naming the other clients that saw the same.
  const findings = [...merged.values()].map(({ finding, client, clients }) => {
    const others = clients.filter((c) => c !== client);
    return others.length > 0 ? { ...finding, message: `${finding.message} (also for: ${others.join(', ')})` } : finding;
  });
  return { findings, requests };
}

function findingsFor(sample: SampleRequest, response: InjectResponse, model: ApiModel): Finding[] {
  const { trace } = response;
  const request = `${sample.method} ${sample.target} as a ${sample.client}${sample.headers.Accept ? ` (Accept: ${sample.headers.Accept})` : ''}`;
  const probe = {
    request,
    status: response.status,
    ...(response.explanation === undefined ? {} : { explanation: response.explanation }),
  };
  const findings: Finding[] = [];
  if (trace.failure) {
    findings.push(makeFinding(sample, trace.failure, response.status >= 500 ? 'error' : 'warning', probe, model));
  }
  for (const notice of trace.notices) {
    if (ignoredNotices.has(notice.code)) continue;
    findings.push(makeFinding(sample, notice, noticeSeverity(notice, sample), probe, model));
  }
  return findings;
}

/**
 * Base64 text where bytes were meant breaks what a browser shows (error for an <img>, warning for a page the
 * user opens); a JSON client asking for application/json receives text on AWS as well (info).
 */
function noticeSeverity(notice: Notice, sample: SampleRequest): Severity {
  if (notice.code !== 'BASE64_TEXT_INSTEAD_OF_BINARY') return 'info';
  return sample.client === 'browser image' ? 'error' : sample.client === 'browser page' ? 'warning' : 'info';
}

function makeFinding(
  sample: SampleRequest,
  cause: Failure | Notice,
  severity: Severity,
  probe: NonNullable<Finding['probe']>,
  model: ApiModel,
): Finding {
  const spec = failures[cause.code];
  const rule = probeRuleFor(cause.code);
  const route = sample.route;
  const status = 'fields' in cause ? ` answered ${probe.status}` : '';
  return {
    ruleId: rule.id,
    severity,
    message: `${sample.method} ${sample.target} (${route.api.type} API ${route.api.logicalId}, ${route.method} ${route.path}) as a ${sample.client}${status}: ${spec.title}: ${cause.detail}`,
    fix: spec.hint,
    locations: locationsFor(sample, cause, model),
    docs: spec.docs,
    probe,
  };
}

function locationsFor(sample: SampleRequest, cause: Failure | Notice, model: ApiModel): FindingLocation[] {
  const locations: FindingLocation[] = [];
  if (cause.source) locations.push(locationOf(cause.source));
  locations.push(locationOf(sample.route.source));
  const fn = model.functions.find((f) => f.logicalId === sample.route.functionLogicalId);
  const handler = fn && locateHandler(fn);
  if (handler) locations.push({ file: handler.file, line: handler.line, column: 0, label: `export ${handler.exportPath}` });
  return locations;
}
