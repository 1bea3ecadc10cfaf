import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedGateway, startGateway } from '../../src/index.js';
import { send } from '../support/http-client.js';

// The web inspector in a real browser: Debian's chromium (installed by .ci/run), driven by playwright-core.
// Nothing is downloaded: the browser is the system one, with a fresh profile.
const template = fileURLToPath(new URL('../../examples/binary-images/template.yaml', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
// What Chromium itself sends for <img>: image/avif first, so image/* in BinaryMediaTypes decides.
const IMG_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

let gw: StartedGateway;
let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  gw = await startGateway({ template });
  profile = await mkdtemp(join(tmpdir(), 'gatehouse-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await gw?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const row = (target: string) => page.locator('.row', { has: page.locator('.target', { hasText: target }) });

/** naturalWidth of the response preview image once the browser has tried to decode it (0 when it could not). */
async function previewImageWidth(): Promise<number> {
  await page.locator('.section.response .image-status:not(:has-text("decoding"))').waitFor();
  return page
    .locator('.section.response img.preview-image')
    .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
}

describe('inspector in a headless browser', () => {
  it('shows live requests with their trace, renders the correct image and visibly breaks the base64 one, explains the 502, and replays', async () => {
    // Prepare: the page is open and connected before any request is sent
    await page.goto(`${gw.url}/_gatehouse/inspector/`);
    await page.locator('#connection.live').waitFor();

    // Act: requests from a client that is not the browser
    const good = await send(`${gw.url}/fixed/logo.png`, { headers: [['Accept', IMG_ACCEPT]] });
    const broken = await send(`${gw.url}/broken/logo.png`, { headers: [['Accept', IMG_ACCEPT]] });
    const failed = await send(`${gw.url}/fixed/report`);
    expect([good.status, broken.status, failed.status]).toEqual([200, 200, 502]);

    // Assess: live rows, newest first
    await expect.poll(() => page.locator('.row').count()).toBe(3);
    expect(await page.locator('.row .target').allTextContents()).toEqual([
      '/fixed/report',
      '/broken/logo.png',
      '/fixed/logo.png',
    ]);

    // The correct image: trace in pipeline order, and the PNG decodes
    await row('/fixed/logo.png').click();
    await page.locator('.detail .headline .target', { hasText: '/fixed/logo.png' }).waitFor();
    const phases = await page.locator('.section.trace .phase-name').allTextContents();
    expect(phases.indexOf('route-request')).toBeLessThan(phases.indexOf('integration'));
    expect(phases.indexOf('integration')).toBeLessThan(phases.indexOf('method-response'));
    expect(await previewImageWidth()).toBeGreaterThan(0);
    expect(await page.locator('.section.lambda .code.event').textContent()).toContain('"isBase64Encoded"');

    // The base64 text labelled image/png: the same bytes the client got, which no browser can decode
    await row('/broken/logo.png').click();
    await page.locator('.detail .headline .target', { hasText: '/broken/logo.png' }).waitFor();
    expect(await previewImageWidth()).toBe(0);
    await expect.poll(() => page.locator('.section.response .image-status.broken').count()).toBe(1);
    expect(await page.locator('.explanation.notice h3').textContent()).toContain('Binary body sent to the client as base64 text');

    // The 502: explanation with the rule and the fix, the raw result, the AWS execution log
    await row('/fixed/report').click();
    const explanation = page.locator('.explanation.error');
    await explanation.waitFor();
    expect(await explanation.locator('h3').textContent()).toContain('502 Malformed Lambda proxy response');
    expect(await explanation.textContent()).toContain('body is an object, must be a string');
    expect(await explanation.locator('dd.fix').textContent()).toContain('JSON.stringify');
    expect(await page.locator('.section.lambda .code.raw-result').textContent()).toContain('"total": 42');
    const log = await page.locator('.section.execution-log pre').textContent();
    expect(log).toMatch(/^\([0-9a-f-]{36}\) Starting execution for request: /);
    expect(log).toContain('Execution failed due to configuration error: Malformed Lambda proxy response');
    expect(log).toContain('Method completed with status: 502');
    expect(await page.locator('.section.stages .stage-table tr.current').textContent()).toContain('fixed');

    const shot = join(tmpdir(), 'gatehouse-inspector-502.png');
    await page.screenshot({ path: shot });
    console.info(`inspector screenshot: ${shot}`);

    // Replay: the recorded request goes through the gateway again and the new exchange is shown
    await page.locator('.detail button.replay').click();
    await page.locator('.detail .subline button.link', { hasText: 'replay of #3' }).waitFor();
    expect(await page.locator('.detail .headline .status').textContent()).toBe('502');
    await expect.poll(() => page.locator('.row').count()).toBe(4);
    // The stream batches every 100 ms: once it has delivered the replay too, there is still exactly one new row.
    await page.waitForTimeout(300);
    expect(await page.locator('.row').count()).toBe(4);
    expect(await page.locator('.row').first().locator('.flag.replay').count()).toBe(1);
    expect(gw.inspectorUrl).toBe(`${gw.url}/_gatehouse/inspector/`);
  });
});
