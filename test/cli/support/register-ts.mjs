// `node --import ./test/cli/support/register-ts.mjs src/cli/main.ts ...` runs the CLI from its sources.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
