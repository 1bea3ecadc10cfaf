import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { formatJson } from '../doctor/format/format-json.js';
import { formatSarif } from '../doctor/format/format-sarif.js';
import { formatText } from '../doctor/format/format-text.js';
import type { Formatter } from '../doctor/format/report-input.js';
import { exitCodeFor, runDoctor } from '../doctor/run-doctor.js';
import { parseCommandArgs, parseOverrides, resolveTemplate } from './sam-cli-options.js';
import { UsageError } from './usage-error.js';

const formatters: Readonly<Record<string, Formatter>> = { text: formatText, json: formatJson, sarif: formatSarif };

/**
 * `gatehouse doctor [--template t.yaml] [--probe] [--format text|json|sarif]`: static checks of the template
 * and the handlers, and with --probe sample requests through the running API (docs/doctor.md). Exit 1 when
 * any finding is an error (a template that does not load included), 0 otherwise, 2 for bad arguments.
 */
export async function runDoctorCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      template: { type: 'string', short: 't' },
      probe: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'parameter-overrides': { type: 'string', multiple: true },
      region: { type: 'string' },
    },
    allowPositionals: false,
  });
  const format = formatters[values.format];
  if (format === undefined) throw new UsageError(`--format must be text, json or sarif, got "${values.format}"`);
  const template = await resolveTemplate(values.template);
  if (!existsSync(template)) throw new UsageError(`--template ${values.template}: no such file`);
  const report = await runDoctor({
    template,
    probe: values.probe,
    ...(values['parameter-overrides'] ? { parameterOverrides: parseOverrides(values['parameter-overrides']) } : {}),
    ...(values.region ? { region: values.region } : {}),
  });
  process.stdout.write(format(report, { version: await readVersion(), cwd: process.cwd(), probed: values.probe }));
  return exitCodeFor(report.findings);
}

async function readVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
