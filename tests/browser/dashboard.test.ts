/**
 * The dashboard in a real browser (Debian's headless Chromium through
 * playwright-core) against a running system: Kafka from startKafka(), the
 * gateway serving the dashboard, the demo wire at full speed. It sees the seed
 * story arrive, reads the arrests tally as a lower bound with its source,
 * survives a gateway restart (updates published while it is down arrive on
 * resume, no row twice), and saves screenshots under tests/artifacts/.
 *
 * Skipped with a message where Chromium is not installed (CI installs it).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLogger } from '@newswire/config';
import { createPublisher, type Publisher } from '@newswire/kafka';
import { updateSchema, type Update } from '@newswire/schema';
import { runDemoWire } from '../../services/cli/src/producers/demo-wire.ts';
import { KAZAKHSTAN_SEED, STORY_ID } from '@newswire/schema/seed';
import { startGateway, type RunningGateway } from '@newswire/gateway';
import { createDashboardHandler, type DashboardHandler } from '@newswire/dashboard';
import { startKafka, type TestKafka } from '@newswire/test-support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** Updates the desk sends while the dashboard's gateway is down. */
function whileDown(): Update[] {
  const arrests = KAZAKHSTAN_SEED.find((u) => u.id === `${STORY_ID}:arrests-4400`)!;
  const mobile = KAZAKHSTAN_SEED.find((u) => u.id === `${STORY_ID}:almaty-mobile-intermittent`)!;
  const gunfire = KAZAKHSTAN_SEED.find((u) => u.id === `${STORY_ID}:almaty-gunfire-videos`)!;
  return [
    // A second source with a different figure: shown beside the ministry's, never added to it.
    updateSchema.parse({
      ...structuredClone(arrests),
      id: 'browser-test:arrests-rights-group',
      headline: 'Rights group puts arrests at about 5,000',
      reportedAt: '2022-01-08T18:00:00+06:00',
      sources: [{ name: 'a human rights group', role: 'ngo' }],
      verification: 'claimed',
      urgency: 'routine',
      payload: { count: { value: 5000, qualifier: 'about' }, tally: 'running-total' },
    }),
    // A correction: folded into the row it corrects.
    updateSchema.parse({
      ...structuredClone(mobile),
      id: 'browser-test:mobile-correction',
      revises: mobile.id,
      headline: 'Correction: mobile network in Almaty down entirely, not intermittently',
      reportedAt: '2022-01-08T18:05:00+06:00',
      payload: { service: 'mobile', state: 'shut-down' },
    }),
    // A retraction: the row it withdraws is struck through, not removed, and adds no row.
    updateSchema.parse({
      ...structuredClone(gunfire),
      id: 'browser-test:gunfire-retracted',
      retracts: gunfire.id,
      headline: 'Withdrawn: the gunfire videos could not be located in Almaty',
      reportedAt: '2022-01-08T18:07:00+06:00',
    }),
    updateSchema.parse({
      ...structuredClone(mobile),
      id: 'browser-test:internet-restored',
      headline: 'Internet partly restored in Almaty',
      reportedAt: '2022-01-08T18:10:00+06:00',
      payload: { service: 'internet', state: 'restored' },
    }),
  ];
}

describe.skipIf(!hasChromium)('dashboard in headless Chromium', { timeout: 120_000 }, () => {
  let kafka: TestKafka;
  let gateway: RunningGateway | undefined;
  let port = 0;
  let dashboard: DashboardHandler;
  let publisher: Publisher;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function startGw(): Promise<RunningGateway> {
    const gw = await startGateway({
      host: '127.0.0.1',
      port,
      brokers: kafka.brokers,
      topicPrefix: kafka.prefix,
      staticHandler: dashboard,
      logger: createLogger('gateway', { level: process.env.LOG_LEVEL ?? 'warn' }),
    });
    port = gw.port;
    return gw;
  }

  beforeAll(async () => {
    kafka = await startKafka({ partitions: 3 });
    dashboard = await createDashboardHandler();
    publisher = await createPublisher({ brokers: kafka.brokers, topicPrefix: kafka.prefix, partitions: 3, logger: createLogger('publisher', { level: process.env.LOG_LEVEL ?? 'warn' }) });
    gateway = await startGw();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // The browser itself logs each refused connection while the gateway is down: expected.
      if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text())) pageErrors.push(m.text());
    });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await gateway?.stop().catch(() => {});
    await publisher?.close().catch(() => {});
    await kafka?.stop();
  }, 60_000);

  const rowIds = () => page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id') ?? ''));

  it('shows the seed story arriving live, with the arrests tally as a lower bound and its source', async () => {
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('#conn[data-status="live"]', { timeout: 30_000 });

    const demo = await runDemoWire({ brokers: kafka.brokers, pace: 'max', publisher });
    expect(demo.published).toBe(KAZAKHSTAN_SEED.length);

    await page.waitForFunction((n) => document.querySelectorAll('#feed > li[data-id]').length >= n, KAZAKHSTAN_SEED.length, { timeout: 30_000 });
    const ids = await rowIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(KAZAKHSTAN_SEED.map((u) => u.id)));

    const arrests = page.locator('.tally-row[data-metric="arrests"][data-group="total"]');
    await expect.poll(() => arrests.innerText(), { timeout: 10_000 }).toMatch(/more than 4,400/);
    const text = await arrests.innerText();
    expect(text).toContain('Interior Ministry via state television');
    expect(await arrests.locator('.figure').first().getAttribute('title')).toBe('lower bound');
    // The death toll keeps its qualifier and what it includes.
    expect(await page.locator('.tally-row[data-metric="killed"][data-group="total"]').innerText()).toMatch(/more than 40\s+including security forces/);
    // Every government change is on the timeline.
    expect(await page.locator('#timeline > li.event').count()).toBe(KAZAKHSTAN_SEED.filter((u) => u.kind === 'government-change').length);

    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: false });
  });

  it('resumes after the gateway restarts: missed updates arrive, no row twice, corrections fold in', async () => {
    const before = new Set(await rowIds());
    await gateway!.stop();
    gateway = undefined;
    await page.waitForSelector('#conn[data-status="reconnecting"]', { timeout: 30_000 });

    const missed = whileDown();
    await publisher.publish(missed);
    // Redeliver the whole seed too: the log now holds every seed id twice, and the dashboard must still show each once.
    await runDemoWire({ brokers: kafka.brokers, pace: 'max', publisher });
    gateway = await startGw();

    await page.waitForSelector('#conn[data-status="resumed"]', { timeout: 60_000 });
    const detail = await page.locator('#conn .conn-detail').innerText();
    expect(detail).toMatch(/Resumed with \d+ missed updates? delivered; nothing lost/);

    await page.waitForFunction((n) => document.querySelectorAll('#feed > li[data-id]').length >= n, before.size + 2, { timeout: 30_000 });
    const ids = await rowIds();
    expect(new Set(ids).size).toBe(ids.length); // no duplicate rows
    // Two new rows; the correction and the retraction changed rows instead of adding them.
    expect(ids.length).toBe(before.size + 2);
    for (const id of before) expect(ids).toContain(id);
    expect(ids).toContain('browser-test:arrests-rights-group');
    expect(ids).toContain('browser-test:internet-restored');
    expect(ids).not.toContain('browser-test:mobile-correction');

    const corrected = page.locator(`#feed > li[data-id="${STORY_ID}:almaty-mobile-intermittent"]`);
    expect(await corrected.locator('.headline').innerText()).toMatch(/^Correction: mobile network/);
    expect(await corrected.locator('.history summary').innerText()).toMatch(/Corrected once/);
    expect(ids).not.toContain('browser-test:gunfire-retracted');
    const retracted = page.locator(`#feed > li[data-id="${STORY_ID}:almaty-gunfire-videos"]`);
    expect(await retracted.getAttribute('class')).toMatch(/\bretracted\b/);
    expect(await retracted.locator('.retraction').innerText()).toMatch(/^RETRACTED .*Withdrawn: the gunfire videos/);

    // Conflicting figures side by side, not summed.
    const arrests = page.locator('.tally-row[data-metric="arrests"][data-group="total"]');
    const claims = await arrests.locator('.claim .figure').allInnerTexts();
    expect(claims.sort()).toEqual(['about 5,000', 'more than 4,400']);
    expect(await arrests.innerText()).toMatch(/not added up/);
    expect(await arrests.innerText()).not.toContain('9,400');

    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-resumed.png'), fullPage: true });
  });

  it('replays a story from a chosen time, then continues live', async () => {
    const mobile = KAZAKHSTAN_SEED.find((u) => u.id === `${STORY_ID}:almaty-mobile-intermittent`)!;
    const extra = (id: string, headline: string, minute: number) =>
      updateSchema.parse({ ...structuredClone(mobile), id, headline, reportedAt: `2022-01-09T10:${String(minute).padStart(2, '0')}:00+06:00` });
    // Kafka timestamps have millisecond resolution, the control whole seconds: start past the last second used.
    const from = Math.ceil((Date.now() + 1) / 1000) * 1000;
    await new Promise((r) => setTimeout(r, from - Date.now() + 50));
    await publisher.publish([extra('browser-test:after-replay-point', 'Published after the replay point', 1)]);

    await page.selectOption('#r-story', STORY_ID);
    const local = await page.evaluate((ms) => {
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    }, from);
    await page.fill('#r-from', local);
    await page.click('#r-go');

    // Only what was published since then: one row.
    await expect.poll(async () => (await rowIds()).join(','), { timeout: 30_000 }).toBe('browser-test:after-replay-point');
    await page.waitForSelector('#conn[data-status="live"]', { timeout: 30_000 });
    expect(await page.locator('#conn .conn-detail').innerText()).toMatch(/Replayed 1 update of kz-unrest-2022 .*now live/);

    // ...and then live.
    await publisher.publish([extra('browser-test:live-after-replay', 'Live after the replay', 2)]);
    await expect.poll(async () => (await rowIds()).sort().join(','), { timeout: 30_000 }).toBe(
      'browser-test:after-replay-point,browser-test:live-after-replay',
    );

    // Replay from the start brings the whole story back, each update once.
    await page.click('#r-start');
    await page.waitForFunction(() => document.querySelector('#conn')?.getAttribute('data-status') === 'live' && document.querySelectorAll('#feed > li[data-id]').length > 25, undefined, { timeout: 30_000 });
    const ids = await rowIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const u of KAZAKHSTAN_SEED) expect(ids).toContain(u.id);
  });

  it('is usable from the keyboard, filters in place, and has a large-type mode for wall screens', async () => {
    // A fresh page load (from the start of the log) shows every update once.
    await page.reload();
    await page.waitForSelector('#conn[data-status="live"]', { timeout: 30_000 });
    await page.waitForFunction((n) => document.querySelectorAll('#feed > li[data-id]').length >= n, KAZAKHSTAN_SEED.length, { timeout: 30_000 });
    const ids = await rowIds();
    expect(new Set(ids).size).toBe(ids.length);

    // Tab reaches the real controls in order: skip link, large type, filters.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Skip to the feed/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('large');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#large', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.classList.contains('large'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-kind');

    await page.selectOption('#f-kind', 'arrests');
    await expect
      .poll(async () => (await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-kind')))).join(','), { timeout: 5000 })
      .toMatch(/^arrests(,arrests)*$/);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-large-arrests.png'), fullPage: false });
    await page.selectOption('#f-kind', '');
    await page.click('#large');

    expect(await page.getAttribute('#announcer', 'aria-live')).toBe('polite');
    expect(pageErrors).toEqual([]);
  });
});
