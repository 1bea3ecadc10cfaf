/**
 * Not an AWS phase: when the stage serves a deployment older than the template (`--deploy manual`), every
 * explanation for its requests says so, since that is the first thing to rule out when a fix "does not work".
 * AWS: changes take effect only after a new deployment (updating-api.html, set-up-deployments.html).
 */
import type { DeployedStage } from '../../deploy/deployment.js';
import type { InvocationContext } from '../context.js';

export function noteOutOfDateDeployment(deployed: DeployedStage | undefined, ctx: InvocationContext): void {
  if (deployed?.pending === undefined || !ctx.hasExplanation()) return;
  const at = new Date(deployed.pending.templateChangedAt).toTimeString().slice(0, 5);
  ctx.notice(
    'DEPLOYMENT_OUT_OF_DATE',
    `template changed at ${at}, stage ${deployed.stage.name} serves deployment ${deployed.deployment.number}: run gatehouse deploy (not deployed: ${deployed.pending.summary})`,
    deployed.deployment.api.source,
  );
}
