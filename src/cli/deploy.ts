import { parseArgs } from 'node:util';
import type { DeployEvent } from '../deploy/deployment-manager.js';
import { callControl, controlError, parsePort } from './control-client.js';
import { formatDeployEvent } from './deployment-lines.js';
import { UsageError } from './usage-error.js';

/**
 * `gatehouse deploy [--stage NAME] [--port 3000]`: as `aws apigateway create-deployment`, points the stages (or the
 * named one) of the running gatehouse at a new deployment of the current template.
 */
export async function runDeploy(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { stage: { type: 'string', short: 's' }, port: { type: 'string', short: 'p', default: '3000' } },
    allowPositionals: false,
  });
  const port = parsePort(values.port);
  const { status, json } = await callControl(port, 'POST', 'deploy', values.stage === undefined ? {} : { stage: values.stage });
  if (status !== 200) throw new UsageError(`deploy: ${controlError(json)}`);
  const { deployments } = json as { deployments: DeployEvent[] };
  if (deployments.length === 0) {
    process.stdout.write(
      `Nothing to deploy: ${values.stage ? `stage ${values.stage} serves` : 'every stage serves'} the template as it is.\n`,
    );
  }
  for (const event of deployments) process.stdout.write(`${formatDeployEvent(event)}\n`);
  return 0;
}
