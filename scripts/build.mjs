// `npm run build`: compile src/ to dist/ (the library, its types and every module as tsc writes it), copy the
// inspector's front end next to the code that serves it, and bundle the CLI into one file.
//
// Why a bundle: `gatehouse start` loads ~290 modules; Node's ES module loader spends ~120–150 ms resolving and
// reading them one by one (`--help`: 0.33–0.37 s unbundled, 0.20–0.22 s bundled on the 2-core VM), a quarter of
// issue 9's 0.5 s start-up budget. Packages stay external (and lazily loaded where the code loads them lazily),
// except `yaml`: every template is read with it, and its ~60 CommonJS files cost ~50 ms of the 100-function
// template's launch to first answer when required one by one (5 interleaved launches: median 517 → 458 ms).
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

// The inspector reads ./ui next to the module that serves it: dist/inspector/ for the library, dist/cli/ for the
// bundled CLI.
for (const target of ['dist/inspector/ui', 'dist/cli/ui']) {
  rmSync(join(root, target), { recursive: true, force: true });
  cpSync(join(root, 'src/inspector/ui'), join(root, target), { recursive: true });
}

const { buildSync } = await import('esbuild');
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
buildSync({
  entryPoints: [join(root, 'dist/cli/main.js')],
  outfile: join(root, 'dist/cli/gatehouse.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => name !== 'yaml'),
  // yaml is CommonJS and calls require() (for `process`): an ES module bundle has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
