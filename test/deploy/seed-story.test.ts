import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, eventually, type ProjectCopy } from '../build/project-copy.js';
import { runCli, spawnCli } from '../cli/support/run-cli.js';
import { send } from '../support/http-client.js';

// The seed story end to end, with real processes and real files: a PNG route is broken because image/png is not a
// binary media type; the fix goes into the template; "API Gateway may still serve cached (and broken) versions ...
// redeploy the API and invalidate any relevant stage cache entries. Otherwise, you may think your fix hasn't
// solved the issue." (seed). Each step is what AWS does:
// - the base64 text: recorded (test_aws_proxy_binary_response, ../shared/aws/api-gateway.md §5.1);
// - the fix waits for a deployment: documented (updating-api.html) and recorded (§1);
// - the cache keeps the broken answer until its TTL or a flush: documented only (api-gateway-caching.html, §11).
const PNG_MAGIC = '89504e47';
let project: ProjectCopy;
let child: ReturnType<typeof spawnCli>;
let out = '';
let url = '';
let port = '';

beforeAll(async () => {
  project = await copyProject('stage-settings');
  // PlainApi gets a cache with a 3-second TTL (the "wait for expiry" half); CachedApi keeps 300 s (the flush half).
  await project.edit(
    'template.yaml',
    '      StageName: plain\n',
    "      StageName: plain\n      CacheClusterEnabled: true\n      MethodSettings:\n        - { ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheTtlInSeconds: 3 }\n",
  );
  child = spawnCli(['start', '--template', project.template, '--port', '0', '--deploy', 'manual']);
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const index = await eventually(
    () => /Index: (http:\/\/127\.0\.0\.1:(\d+))\//.exec(out) ?? undefined,
    'gatehouse to start',
    20_000,
  );
  url = index[1] as string;
  port = index[2] as string;
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await project?.remove();
});

/** Requests the logo and returns the response and what the terminal printed for it. */
async function getLogo(stage: string, expectText?: string) {
  const from = out.length;
  const res = await send(`${url}/${stage}/logo.png`, { headers: [['Accept', 'image/png']] });
  const line = new RegExp(`GET /${stage}/logo\\.png 200`);
  const printed = await eventually(
    () => {
      const slice = out.slice(from);
      return line.test(slice) && (expectText === undefined || slice.includes(expectText)) ? slice : undefined;
    },
    `the terminal lines for /${stage}/logo.png${expectText ? ` with "${expectText}"` : ''}`,
  );
  return { res, printed };
}

const isPng = (body: Buffer) => body.subarray(0, 4).toString('hex') === PNG_MAGIC;

describe('the seed story: a PNG route fixed in the template, manual deploy, stage cache', () => {
  it('1. serves base64 text and explains binaryMediaTypes', async () => {
    const { res, printed } = await getLogo('cached', 'Binary body sent to the client as base64 text');
    expect(isPng(res.body)).toBe(false);
    expect(res.text()).toMatch(/^iVBORw0KGgo/);
    expect(printed).toContain('the API has no binaryMediaTypes');
  });

  it('2. after the fix in the template, the stage still serves the old deployment, and says so', async () => {
    const from = out.length;
    for (const api of ['cached', 'plain']) {
      await project.edit(
        'template.yaml',
        `      StageName: ${api}\n`,
        `      StageName: ${api}\n      BinaryMediaTypes: [image~1png]\n`,
      );
    }
    await eventually(
      () =>
        /still serves deployment \d+; not deployed: binaryMediaTypes changed/.test(out.slice(from)) &&
        /stage plain \(PlainApi\) still serves/.test(out.slice(from))
          ? true
          : undefined,
      'the pending change to be reported',
    );
    const { res, printed } = await getLogo('cached', 'run gatehouse deploy');
    expect(isPng(res.body)).toBe(false);
    expect(printed).toMatch(/template changed at \d\d:\d\d, stage cached serves deployment \d+: run gatehouse deploy/);
  });

  it('3. after gatehouse deploy, both stages still answer from their caches, and point at them', async () => {
    // The plain stage's entry is stored now, just before the deploy, so it is still fresh (TTL 3 s) after it.
    expect(isPng((await getLogo('plain', 'run gatehouse deploy')).res.body)).toBe(false);
    const deployed = await runCli(['deploy', '--port', port]);
    expect(deployed.code).toBe(0);
    expect(deployed.stdout.toString()).toMatch(
      /deployment \d+ → stage cached \(CachedApi\): binaryMediaTypes changed \[\] → \[image\/png\]/,
    );
    await eventually(() => (out.includes('(gatehouse deploy)') ? true : undefined), 'the terminal to report the deploy');
    const { res, printed } = await getLogo('cached', 'Answer served from the stage cache');
    expect(isPng(res.body)).toBe(false);
    expect(printed).toMatch(/by deployment \d+ \(the stage now serves deployment \d+\)/);
    expect(printed).toContain('gatehouse flush-cache --stage cached');
    expect(printed).not.toContain('run gatehouse deploy');
    const plain = await getLogo('plain', 'Answer served from the stage cache');
    expect(isPng(plain.res.body)).toBe(false);
    expect(plain.printed).toMatch(/expires in [0-3] s \(TTL 3 s\)/);
  });

  it('4. gatehouse flush-cache empties the stage cache: the PNG arrives', async () => {
    const flushed = await runCli(['flush-cache', '--stage', 'cached', '--port', port]);
    expect(flushed.code).toBe(0);
    expect(flushed.stdout.toString()).toContain('Flushed the cache of CachedApi stage cached: 1 entry removed.');
    const { res, printed } = await getLogo('cached');
    expect(isPng(res.body)).toBe(true);
    expect(printed).not.toContain('⚠');
  });

  it('5. on the stage with a 3-second TTL the PNG arrives once the entry expires, with nothing flushed', async () => {
    const deadline = Date.now() + 5_000;
    let body: Buffer = Buffer.alloc(0);
    while (!isPng(body) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      body = (await send(`${url}/plain/logo.png`, { headers: [['Accept', 'image/png']] })).body;
    }
    expect(isPng(body)).toBe(true);
  });
});
