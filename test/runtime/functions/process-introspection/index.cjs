// Handlers for test/runtime/spare-environments.test.ts: what a function can see of the process it runs in.
const { execFileSync } = require('node:child_process');
const Module = require('node:module');
const os = require('node:os');

const loadedAtInit = Object.keys(require.cache);

exports.introspect = async () => ({
  pid: process.pid,
  envKeys: Object.keys(process.env),
  env: { ...process.env },
  childEnv: execFileSync('env', { encoding: 'utf8' }).trim().split('\n').sort(),
  cwd: process.cwd(),
  timezoneOffset: new Date().getTimezoneOffset(),
  intlTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  intlLocale: Intl.DateTimeFormat().resolvedOptions().locale,
  epochString: new Date(0).toString(),
  argv: process.argv,
  argv0: process.argv0,
  execArgv: process.execArgv,
  title: process.title,
  homedir: os.homedir(),
  globalPaths: Module.globalPaths,
  loadedAtInit,
  moduleLoadList: process.moduleLoadList,
  heapSizeLimit: require('node:v8').getHeapStatistics().heap_size_limit,
});
