// Handlers for test/runtime/thread-environments.test.ts: what a function can observe that differs between a
// thread and a process unless gatehouse makes it the same (docs/decisions/0004-thread-environments.md).
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const workerThreads = require('node:worker_threads');

exports.observe = async () => ({
  pid: process.pid,
  cwd: process.cwd(),
  relativeRead: fs.readFileSync('data.txt', 'utf8'),
  relativePromise: await fs.promises.readFile('./data.txt', 'utf8'),
  relativeExists: fs.existsSync('data.txt'),
  relativeStat: fs.statSync('sub').isDirectory(),
  childCwd: execSync('pwd', { encoding: 'utf8' }).trim(),
  isMainThread: workerThreads.isMainThread,
  workerData: workerThreads.workerData,
  parentPortIsNull: workerThreads.parentPort === null,
  threadId: workerThreads.threadId,
  marker: process.env.MARKER ?? null,
  leaked: process.env.LEAK ?? null,
  hostOnly: process.env.GATEHOUSE_TEST_HOST_ONLY ?? null,
  execArgv: process.execArgv,
  timezoneOffset: new Date().getTimezoneOffset(),
  intlTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
});

exports.setEnv = async () => {
  process.env.LEAK = 'set by another function';
  return process.env.LEAK;
};

exports.chdir = async () => {
  process.chdir('sub');
  return { cwd: process.cwd(), read: fs.readFileSync('inner.txt', 'utf8') };
};

exports.kill = async (event) => {
  process.kill(process.pid, event.signal);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return 'still alive';
};

exports.abort = async () => {
  process.abort();
};

exports.exit = async (event) => {
  process.exit(event.code);
};

exports.spin = async () => {
  for (;;);
};

exports.heap = async () => {
  const held = [];
  for (;;) held.push(new Array(100_000).fill({ n: held.length }));
};

exports.fdWrite = async () => {
  fs.writeSync(1, 'written to fd 1\n');
  fs.writeSync(2, Buffer.from('written to fd 2\n'));
  await new Promise((resolve) => fs.write(1, 'written async to fd 1\n', resolve));
  process.stdout.write('via process.stdout\n');
  return 'ok';
};

exports.setTimeZone = async () => {
  process.env.TZ = 'America/New_York';
  return new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset();
};
