// @ts-check
/**
 * Spare environments (docs/decisions/0001-execution-environments.md, addendum "spare environments"): gatehouse
 * may start this runtime before it knows which function it will run. Such a process has only start-up
 * variables (`src/runtime/process-pool/spare-recipe.ts`) and `_GATEHOUSE_SPARE=1`, has loaded nothing but
 * this client, and waits on the pipe. The assignment brings the function's whole environment (the §8 set, as
 * a freshly spawned runtime would have had it) and its LAMBDA_TASK_ROOT; from here on the runtime goes
 * through the same init as any other: load the handler, then GET /next.
 */
import Module from 'node:module';

const SPARE_VARIABLE = '_GATEHOUSE_SPARE';

/**
 * Returns at once unless this process is a spare; a spare returns once it has become its function's runtime.
 * @param {import('./runtime-api-client.mjs').RuntimeApiClient} client
 */
export async function awaitAssignmentIfSpare(client) {
  if (process.env[SPARE_VARIABLE] !== '1') return;
  const { env, cwd } = await client.awaitAssignment();
  replaceEnvironment(env);
  process.chdir(cwd);
  // Node reads NODE_PATH and HOME into the CommonJS search paths at start-up: read them again.
  /** @type {any} */ (Module)._initPaths();
}

/**
 * Every variable goes, then the new ones are set in their order: `process.env` (and the C environment that
 * child processes inherit) then lists exactly the function's variables, in the order a fresh process would.
 * Assigning TZ makes Node reset its time-zone cache (Date and Intl).
 * @param {Record<string, string>} next
 */
function replaceEnvironment(next) {
  for (const key of Object.keys(process.env)) delete process.env[key];
  for (const [key, value] of Object.entries(next)) process.env[key] = value;
}
