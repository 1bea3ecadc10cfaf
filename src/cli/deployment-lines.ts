import { relative } from 'node:path';
import type { DeployEvent } from '../deploy/deployment-manager.js';
import { type Paint, plain } from '../failures/explain.js';
import type { DeploymentReport } from '../server/template-reload.js';

/** `deployment 4 → stage Prod: 1 route added (GET /logo.png), binaryMediaTypes changed [] → [image/png]` */
export function formatDeployEvent(event: DeployEvent, paint: Paint = plain): string {
  const stages = `${event.stages.length === 1 ? 'stage' : 'stages'} ${event.stages.join(', ')}`;
  return `${paint.bold(`deployment ${event.deploymentNumber}`)} → ${stages} (${event.apiLogicalId}): ${event.changes.join(', ')}`;
}

/** The terminal lines for a template reload, a deploy or a cache flush. */
export function formatDeploymentReport(report: DeploymentReport, paint: Paint = plain, cwd = process.cwd()): string[] {
  switch (report.kind) {
    case 'template-error':
      return [
        `${paint.red('✘')} template not deployed: ${shorten(report.message, cwd)}`,
        `  still serving: ${report.serving.map((s) => `stage ${s.stage} → deployment ${s.deploymentNumber}`).join(', ') || 'nothing'}`,
      ];
    case 'template-applied': {
      const { change } = report;
      const lines = change.deployed.map((e) => `${paint.bold('↻')} ${formatDeployEvent(e, paint)}`);
      const time = new Date(change.at).toTimeString().slice(0, 5);
      for (const p of change.pending) {
        lines.push(
          `${paint.yellow('…')} template changed at ${time}: stage ${p.stage} (${p.apiLogicalId}) still serves deployment ${p.deploymentNumber}; not deployed: ${p.summary}. Run gatehouse deploy${p.stage ? ` --stage ${p.stage}` : ''}`,
        );
      }
      for (const s of change.stageSettings) lines.push(`${paint.bold('↻')} ${s} (stage settings apply without a deployment)`);
      for (const s of change.removedStages) lines.push(`${paint.bold('↻')} ${s} removed`);
      if (change.functions.length > 0) {
        lines.push(
          `${paint.bold('↻')} function configuration changed: ${change.functions.join(', ')}; new requests start fresh environments (functions are not part of API deployments)`,
        );
      }
      if (lines.length === 0) lines.push(`${paint.dim('↻ template changed: nothing to deploy')}`);
      return lines;
    }
    case 'deployed':
      return report.result.length === 0
        ? [`${paint.dim(`deploy${report.stage ? ` --stage ${report.stage}` : ''}: nothing to deploy`)}`]
        : report.result.map((e) => `${paint.bold('↻')} ${formatDeployEvent(e, paint)} (gatehouse deploy)`);
    case 'cache-flushed':
      return report.result.map(
        (f) => `${paint.bold('↻')} cache of ${f.apiLogicalId} stage ${f.stage} flushed: ${f.entries} entries removed`,
      );
    case 'stage-updated':
      return [
        `${paint.bold('↻')} stage ${report.stage}: ${report.operations} method setting(s) changed through the control interface`,
      ];
  }
}

function shorten(message: string, cwd: string): string {
  return message.replace(/^(\/[^\s:]+)/, (file) => {
    const short = relative(cwd, file);
    return short.startsWith('..') || short === '' ? file : short;
  });
}
