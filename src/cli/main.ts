#!/usr/bin/env node
/**
 * The `gatehouse` command. Exit codes: 0 ok, 1 unexpected failure, 2 bad input (template, arguments).
 */
import { runDeploy } from './deploy.js';
import { runDoctorCommand } from './doctor.js';
import { runFlushCache } from './flush-cache.js';
import { runInvoke } from './invoke.js';
import { runStart } from './start.js';
import { runStartLambda } from './start-lambda.js';
import { runToken } from './token.js';
import { UsageError } from './usage-error.js';

const USAGE = `gatehouse: run an AWS API Gateway + Lambda API locally, as AWS does, and explain every failure.

Usage:
  gatehouse start [--template template.yaml] [--port 3000] [--host 127.0.0.1]
                  [--parameter-overrides Key=Value ...] [--env-vars env.json] [--region us-east-1]
  gatehouse start --openapi api.yaml [--function Name=./dir:file.handler[:runtime] ...] [--template template.yaml]
                  [--deploy auto|manual] [--no-watch]
                  [--log-level info|debug] [--log-format text|json] [--access-log FILE]
                  the web inspector is at <url>/_gatehouse/inspector/ (printed at start-up)
                  [--jwks [ISSUER=]jwks.json ...] [--iam-credentials ACCESS_KEY:SECRET ...]
                  [--isolation thread|process]   Node functions in worker threads (default) or child processes
  gatehouse token [--template template.yaml] [--issuer URL] [--audience A] [--scope "a b"] [--token-use id|access]
                  [--claims JSON] [--kid KID] [--alg RS256|ES256] [--expires-in 3600]   print a signed test JWT
  gatehouse deploy [--stage NAME] [--port 3000]          deploy template changes (with start --deploy manual)
  gatehouse flush-cache --stage NAME [--port 3000]       empty a stage's API cache
  gatehouse invoke [FunctionLogicalId] [--template template.yaml] [--event event.json | --event -] [--output json]
                   [--parameter-overrides Key=Value ...] [--env-vars env.json] [--region us-east-1]
                   [--isolation thread|process]
  gatehouse doctor [--template template.yaml] [--probe] [--format text|json|sarif]   check template and handlers
  gatehouse start-lambda [--template template.yaml] [--port 3001] [--host 127.0.0.1]
                         [--parameter-overrides Key=Value ...] [--env-vars env.json] [--region us-east-1]
                         [--isolation thread|process]
  gatehouse --help | --version
`;

// Every Lambda runtime runs in UTC (TZ=:UTC, lambda.md §8), and a time zone is one setting per process: a
// gatehouse process in UTC lets Node functions share it from worker threads (decision 0004). The clock times
// gatehouse prints (deployment lines) are then UTC too, as CloudWatch shows them.
if (process.env.TZ !== ':UTC') process.env.TZ = ':UTC';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return runStart(rest);
    case 'invoke':
      return runInvoke(rest);
    case 'deploy':
      return runDeploy(rest);
    case 'flush-cache':
      return runFlushCache(rest);
    case 'start-lambda':
      return runStartLambda(rest);
    case 'doctor':
      return runDoctorCommand(rest);
    case 'token':
      return runToken(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    case '--version':
    case '-v':
      process.stdout.write(`${await readVersion()}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

async function readVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`gatehouse: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `gatehouse: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
