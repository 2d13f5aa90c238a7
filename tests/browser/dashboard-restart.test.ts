/**
 * The state holder killed mid-stream: a gateway (`newswire gateway`, a
 * process of its own, story state on) serves the dashboard while updates of
 * the open story are published; it is killed with SIGKILL halfway through
 * and started again on the same port while the rest is published. The page
 * reconnects and resumes by itself. Then every update is on the page exactly
 * once, and what the page shows of the story (figures, measures, timeline)
 * is what a page opened afresh on the restarted gateway shows.
 *
 * Skipped with a message where Chromium is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLogger } from '@newswire/config';
import { createPublisher, type Publisher } from '@newswire/kafka';
import { assertUpdate, type Update } from '@newswire/schema/v2';
import { startKafka, type TestKafka } from '@newswire/test-support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const LK = 'lk-crisis-2022';
const STREAM = 120;

const corpus = (story: string): Update[] =>
  readFileSync(join(ROOT, `shared/schema/corpus/${story}.ndjson`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => assertUpdate(JSON.parse(l)));

/** Update `i` of the stream: an arrest at a checkpoint, its own incident, so each adds a row and an incident figure. */
function streamed(i: number): Update {
  return assertUpdate({
    schema: 2,
    story: LK,
    id: `browser-kill:${i}`,
    kind: 'arrests',
    headline: `Police detain ${i + 1} people at checkpoint ${i}`,
    reported: { date: '2022-07-23', zone: 'Asia/Colombo' },
    place: { country: 'LK', city: 'Colombo' },
    sources: [{ name: 'Sri Lanka Police', role: 'police' }],
    verification: 'reported',
    urgency: 'routine',
    payload: { count: { value: i + 1, qualifier: 'exact', scope: 'incident' } },
  });
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

describe.skipIf(!hasChromium)('dashboard across a SIGKILL of its gateway', { timeout: 240_000 }, () => {
  let kafka: TestKafka;
  let publisher: Publisher;
  let browser: Browser;
  let gateway: ChildProcess | null = null;
  let port = 0;
  const pageErrors: string[] = [];

  /** `newswire gateway` on `port`; resolves once it listens. */
  function startGateway(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'services/cli/src/main.ts'), 'gateway', '--port', String(port), '--brokers', kafka.brokers.join(',')], {
      cwd: ROOT,
      env: { ...process.env, NEWSWIRE_TOPIC_PREFIX: kafka.prefix, LOG_LEVEL: 'warn', GATEWAY_STATE_SNAPSHOT_MS: '200', GATEWAY_STATE_SNAPSHOT_EVERY: '20' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((res, rej) => {
      let out = '';
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('"listening"')) res(child);
      });
      child.once('exit', (code) => rej(new Error(`gateway exited with ${code} before listening: ${out}`)));
    });
  }

  beforeAll(async () => {
    kafka = await startKafka({ partitions: 3 });
    publisher = await createPublisher({ brokers: kafka.brokers, topicPrefix: kafka.prefix, partitions: 3, logger: createLogger('publisher', { level: 'warn' }) });
    await publisher.publish(corpus(LK));
    port = await freePort();
    gateway = await startGateway();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    gateway?.kill('SIGTERM');
    await publisher?.close().catch(() => {});
    await kafka?.stop();
  }, 60_000);

  const openPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/?story=${LK}`);
    await page.waitForSelector('body[data-opened="true"]', { timeout: 60_000 });
    return page;
  };
  const shown = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

  it('loses and doubles nothing on the page, and shows the same story as a fresh page', async () => {
    const page = await openPage();
    const before = await page.locator('#feed > li[data-id]').count();

    for (let i = 0; i < STREAM / 2; i += 10) {
      await publisher.publish(Array.from({ length: 10 }, (_, k) => streamed(i + k)));
      await new Promise((r) => setTimeout(r, 50));
    }
    // Killed mid-stream: no shutdown frame, no last snapshot.
    gateway!.kill('SIGKILL');
    await new Promise((r) => gateway!.once('exit', r));
    await page.waitForSelector('#conn[data-status="reconnecting"]', { timeout: 30_000 });
    for (let i = STREAM / 2; i < STREAM; i += 10) await publisher.publish(Array.from({ length: 10 }, (_, k) => streamed(i + k)));
    gateway = await startGateway();

    // The page shows more rows than the 100 it drew at first only when asked: ask until every row is drawn.
    await expect
      .poll(
        async () => {
          if (await page.locator('#older').isEnabled()) await page.click('#older');
          return page.locator('#feed > li[data-id^="browser-kill:"]').count();
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe(STREAM);
    const ids = await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(before + STREAM);

    // What the resumed page shows of the story is what a page opened now on the restarted gateway shows.
    const fresh = await openPage();
    await expect.poll(() => shown(page, '.totals .total-row'), { timeout: 30_000 }).toEqual(await shown(fresh, '.totals .total-row'));
    expect(await shown(page, '.board-group')).toEqual(await shown(fresh, '.board-group'));
    expect(await shown(page, '#timeline > li')).toEqual(await shown(fresh, '#timeline > li'));
    // The streamed arrests are incidents of their own: listed (30 drawn of 120), never added up.
    expect(await page.locator('.total-row[data-metric="arrested"] [data-expand]').innerText()).toBe(`Show all ${STREAM + 1} incidents (${STREAM + 1 - 30} earlier)`);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-after-kill.png') });
    expect(pageErrors).toEqual([]);
  });
});
