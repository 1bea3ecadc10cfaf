import { parseArgs } from 'node:util';
import { callControl, controlError, parsePort } from './control-client.js';
import { UsageError } from './usage-error.js';

/** `gatehouse flush-cache --stage NAME [--port 3000]`: as `aws apigateway flush-stage-cache`. */
export async function runFlushCache(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { stage: { type: 'string', short: 's' }, port: { type: 'string', short: 'p', default: '3000' } },
    allowPositionals: false,
  });
  if (values.stage === undefined) throw new UsageError('flush-cache needs --stage NAME');
  const port = parsePort(values.port);
  const { status, json } = await callControl(port, 'POST', 'flush-cache', { stage: values.stage });
  if (status !== 200) throw new UsageError(`flush-cache: ${controlError(json)}`);
  const { flushed } = json as { flushed: { apiLogicalId: string; stage: string; entries: number }[] };
  for (const f of flushed) {
    process.stdout.write(
      `Flushed the cache of ${f.apiLogicalId} stage ${f.stage}: ${f.entries} ${f.entries === 1 ? 'entry' : 'entries'} removed.\n`,
    );
  }
  return 0;
}
