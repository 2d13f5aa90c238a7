/**
 * The dashboard in a real browser (Debian's headless Chromium through
 * playwright-core) against a running system: Kafka from startKafka(), the
 * gateway serving the dashboard, two stories published as v2 updates (the
 * Kazakhstan seed and the Sri Lanka 2022 corpus story).
 *
 * What the page DISPLAYS — the figures, the board of measures, the timeline
 * and the rows' times — is checked against values written here by hand from
 * the facts of each story, not computed by the code that renders them.
 * Screenshots land in tests/artifacts/.
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
import { assertUpdate, type Update } from '@newswire/schema/v2';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import { startGateway, type RunningGateway } from '@newswire/gateway';
import { createDashboardHandler, type DashboardHandler } from '@newswire/dashboard';
import { startKafka, type TestKafka } from '@newswire/test-support';
import { readFileSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const KZ = 'kz-unrest-2022';
const LK = 'lk-crisis-2022';
const RU = 'ru-crocus-2024';
/** A long story: the seed told seven times over (182 updates), more than the snapshot's recent rows. */
const LONG = 'browser-test-long';
const longStory = (): Update[] =>
  Array.from({ length: 7 }, (_, cycle) =>
    KAZAKHSTAN_SEED_V2.map((u) => {
      const id = (orig: string) => `${LONG}:c${cycle}:${orig.slice(orig.indexOf(':') + 1)}`;
      return assertUpdate({ ...structuredClone(u), story: LONG, id: id(u.id), ...(u.relations ? { relations: u.relations.map((r) => ({ ...r, to: id(r.to) })) } : {}) });
    }),
  ).flat();
/** A corpus story as `newswire publish --file` takes it: one update per line. */
const corpus = (story: string): Update[] =>
  readFileSync(resolve(import.meta.dirname, `../../shared/schema/corpus/${story}.ndjson`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => assertUpdate(JSON.parse(l)));

describe.skipIf(!hasChromium)('dashboard v2 in headless Chromium', { timeout: 180_000 }, () => {
  let kafka: TestKafka;
  let gateway: RunningGateway;
  let dashboard: DashboardHandler;
  let publisher: Publisher;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    kafka = await startKafka({ partitions: 3 });
    dashboard = await createDashboardHandler();
    const logger = (name: string) => createLogger(name, { level: process.env.LOG_LEVEL ?? 'warn' });
    publisher = await createPublisher({ brokers: kafka.brokers, topicPrefix: kafka.prefix, partitions: 3, logger: logger('publisher') });
    await publisher.publish([...KAZAKHSTAN_SEED_V2]);
    await publisher.publish(corpus(LK));
    await publisher.publish(corpus(RU));
    await publisher.publish(longStory());
    gateway = await startGateway({ host: '127.0.0.1', port: 0, brokers: kafka.brokers, topicPrefix: kafka.prefix, staticHandler: dashboard, logger: logger('gateway') });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, timezoneId: 'America/New_York' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await gateway?.stop().catch(() => {});
    await publisher?.close().catch(() => {});
    await kafka?.stop();
  }, 60_000);

  const open = async (story: string, extra = '') => {
    await page.goto(`http://127.0.0.1:${gateway.port}/?story=${story}${extra}`);
    await page.waitForSelector('body[data-opened="true"]', { timeout: 60_000 }).catch((e: Error) => {
      throw new Error(`${e.message}; page errors: ${pageErrors.join(' | ') || 'none'}`);
    });
    await page.waitForSelector('#conn[data-status="live"]', { timeout: 30_000 });
  };
  const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

  it('opens with the snapshot and the most recent updates, never a replay from earliest; older ones on demand', async () => {
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    await open(LONG);
    const subscribes = sent.map((f) => JSON.parse(f) as { op: string; from?: unknown; snapshot?: { story: string; recent: number } }).filter((m) => m.op === 'subscribe');
    expect(subscribes.some((m) => m.snapshot?.story === LONG && m.snapshot.recent === 100)).toBe(true);
    expect(subscribes.filter((m) => m.from === 'earliest')).toEqual([]);
    // The most recent 100 updates of 182, newest event first.
    expect(await page.locator('#feed > li[data-id]').count()).toBe(100);
    expect(await page.locator('#feed-count').innerText()).toBe('(100)');
    // The state covers the whole story even though the page holds 100 rows: the seed's toll, once.
    expect(await texts('.total-row[data-scope="toll"][data-metric="arrested"] .claim')).toEqual(['more than 4,400 (toll as of 8 Jan 2022), per Interior Ministry via state television']);

    // A long list is drawn in part, newest first, until the reader asks for all: 7 tellings x 5 government changes.
    expect(await page.locator('#timeline > li.event').count()).toBe(30);
    expect(await page.locator('#timeline [data-expand="timeline"]').innerText()).toBe('Show all 35 changes (5 earlier)');
    await page.click('#timeline [data-expand="timeline"]');
    await expect.poll(() => page.locator('#timeline [data-expand]').count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.locator('#timeline > li.event').count(), { timeout: 5000 }).toBe(35);

    await page.click('#older');
    await expect.poll(() => page.locator('#older-status').innerText(), { timeout: 30_000 }).toBe('82 older updates loaded; nothing older is retained.');
    await expect.poll(() => page.locator('#feed > li[data-id]').count(), { timeout: 5000 }).toBe(182);
    const ids = await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(182);
    const pages = sent.map((f) => JSON.parse(f) as { op: string; from?: { positions?: unknown[] } }).filter((m) => m.op === 'subscribe' && m.from?.positions);
    expect(pages).toHaveLength(1); // one bounded page, by offsets
    expect(await page.locator('#older').isDisabled()).toBe(true);
  });

  it('Sri Lanka: figures, measures and timeline as displayed', async () => {
    await open(LK);

    // Figures, written by hand from the story: the police's toll of 8 killed as of 10 May, the
    // hospital's 216 injured in Colombo, and Mirihana's incident figures (54 arrested, 5 police
    // officers injured) listed apart: nothing added up, no number no source gave, no "sources differ".
    expect(await texts('.total-row[data-scope="toll"][data-metric="killed"] .claim')).toEqual(['8 (toll as of 10 May 2022), per Sri Lanka Police']);
    expect(await texts('.total-row[data-scope="toll"][data-metric="injured"] .claim')).toEqual(['216 (toll as of 10 May 2022), per Colombo National Hospital']);
    expect(await page.locator('.total-row[data-scope="toll"][data-metric="injured"] dt').innerText()).toMatch(/running toll, Colombo, LK/i);
    const arrested = await texts('.total-row[data-scope="incident"][data-metric="arrested"] .incident');
    expect(arrested).toHaveLength(1);
    expect(arrested[0]).toMatch(/^Incident “mirihana protest” 54 \(in this incident, reported 1 Apr 2022\), per Sri Lanka Police$/);
    expect(await page.locator('.total-row[data-scope="incident"][data-metric="arrested"] .incident-name').getAttribute('title')).toBe('Hundreds protest over shortages outside the president’s private residence in Mirihana');
    expect(await texts('.total-row[data-scope="incident"][data-metric="injured"] .claim .figure')).toEqual(['5']);
    expect((await texts('.totals .claim .figure')).sort()).toEqual(['216', '5', '54', '8']);
    expect(await page.locator('.conflict-note').count()).toBe(0);

    // The board: what was declared and not reported lifted, and what was lifted, with periods as said.
    const group = async (state: string) => (await page.$$eval(`.board-group[data-state="${state}"] .measure`, (els) => els.map((e) => e.getAttribute('data-id')))).sort();
    expect(await group('in-force')).toEqual([`${LK}:curfew-36h`, `${LK}:curfew-may`, `${LK}:shoot-order`, `${LK}:state-of-emergency-july`].sort());
    expect(await group('lifted')).toEqual([`${LK}:colombo-curfew`, `${LK}:social-media-blocked`, `${LK}:state-of-emergency`].sort());
    const measure = (id: string) => page.locator(`.measure[data-id="${LK}:${id}"]`);
    expect(await measure('curfew-36h').locator('.measure-period').innerText()).toBe('36 hours from Sat 2 Apr 2022, 18:00 Colombo time');
    // Declared until further notice, extended until 7 am on 12 May, then eased: back from 2 pm on 12 May to 6 am on 13 May.
    expect(await measure('curfew-may').locator('.measure-period').innerText()).toBe('from Thu 12 May 2022, 14:00 Colombo time to Fri 13 May 2022, 06:00 Colombo time');
    expect(await measure('curfew-may').innerText()).toMatch(/Declared by police — Mon 9 May 2022, afternoon: until further notice/);
    expect(await measure('curfew-may').innerText()).toMatch(/Extended — reported Wed 11 May 2022: until Thu 12 May 2022, 07:00 Colombo time/);
    expect(await measure('curfew-36h').locator('.measure-history').innerText()).toBe('Declared by the government — reported Sat 2 Apr 2022');
    expect(await measure('colombo-curfew').locator('.measure-period').innerText()).toBe('until further notice');
    expect(await measure('colombo-curfew').innerText()).toMatch(/Lifted — Fri 1 Apr 2022, 05:00 Colombo time \(23:30 UTC on 31 Mar\)/);
    expect(await measure('social-media-blocked').locator('.measure-name').innerText()).toBe('Social media (Facebook, WhatsApp, Twitter, Instagram, YouTube): restricted');
    expect(await measure('social-media-blocked').innerText()).toMatch(/Restricted by Ministry of Defence/);
    expect(await measure('social-media-blocked').innerText()).toMatch(/Restored — reported Sun 3 Apr 2022/);

    // The government timeline in the order things happened (a change whose time was not given sits at its report date).
    expect(await page.$$eval('#timeline > li.event', (els) => els.map((e) => e.getAttribute('data-update')))).toEqual(
      [
        'cabinet-resigns', // night of 3 Apr
        'central-bank-governor-resigns', // reported 4 Apr
        'ali-sabry-appointed', // reported 4 Apr
        'ali-sabry-resigns', // reported 5 Apr
        'prime-minister-resigns', // 9 May
        'ranil-sworn-in-prime-minister', // 12 May
        'ranil-acting-president', // 13 Jul
        'president-resigns', // reported 15 Jul
        'ranil-sworn-in-acting-president', // 15 Jul
        'ranil-elected', // 20 Jul
        'ranil-sworn-in-president', // 21 Jul
        'dinesh-sworn-in-prime-minister', // 22 Jul
      ].map((slug) => `${LK}:${slug}`),
    );
    expect(await texts(`#timeline > li[data-update="${LK}:cabinet-resigns"]`)).toEqual([
      'Sun 3 Apr 2022, night The entire Cabinet resigned, except Gotabaya Rajapaksa (President) and Mahinda Rajapaksa (Prime Minister) Dinesh Gunawardena',
    ]);

    // Rows: event time in the place's local time with the precision given, and report time.
    const row = (slug: string) => page.locator(`#feed > li[data-id="${LK}:${slug}"]`);
    expect(await row('colombo-curfew-lifted').locator('.times').innerText()).toBe('Happened Fri 1 Apr 2022, 05:00 Colombo time (23:30 UTC on 31 Mar) · Reported Fri 1 Apr 2022 (local date, Colombo)');
    expect(await row('mirihana-protest').locator('.times').innerText()).toBe('Happened Thu 31 Mar 2022, night (local date, Colombo) · Reported Fri 1 Apr 2022 (local date, Colombo)');
    expect(await row('curfew-36h').locator('.times').innerText()).toBe('Time of the event not given · Reported Sat 2 Apr 2022 (local date, Colombo)');
    // The retracted remark stays in its place, struck through, with the retraction.
    expect(await row('speaker-says-president-left').getAttribute('class')).toMatch(/\bretracted\b/);
    expect(await row('speaker-says-president-left').locator('.retraction').innerText()).toMatch(/^RETRACTED Mon 11 Jul 2022 — Speaker retracts his remark/);
    expect(await page.locator(`#feed > li[data-id="${LK}:speaker-retracts"]`).count()).toBe(0);

    // Rows in event order: the newest event first.
    const ids = await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids.slice(0, 3)).toEqual([`${LK}:camp-raided`, `${LK}:dinesh-sworn-in-prime-minister`, `${LK}:ranil-sworn-in-president`]);
    expect(ids.at(-1)).toMatch(new RegExp(`^${LK}:mirihana-`));

    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-lk.png') });
    await page.locator('.board-panel').screenshot({ path: join(ARTIFACTS, 'dashboard-lk-measures.png') });
    await page.locator('.timeline-panel').screenshot({ path: join(ARTIFACTS, 'dashboard-lk-timeline.png') });
  });

  it('Crocus City Hall: tolls per source with their as-of times, incidents apart, nothing added up', async () => {
    await open(RU);
    const killed = page.locator('.total-row[data-scope="toll"][data-metric="killed"]:not([data-who])');
    // Hand-written from the story: the FSB's "at least 40" (22 Mar), the Investigative Committee's
    // 93, 133, then 137 (its latest, 24 Mar), and Bastrykin's 139 (25 Mar). Each source's latest, newest first.
    expect(await texts('.total-row[data-scope="toll"][data-metric="killed"]:not([data-who]) .claim')).toEqual([
      '139 (toll as of 25 Mar 2024), per Alexander Bastrykin',
      '137 (toll as of 24 Mar 2024), per Investigative Committee of Russia via Telegram',
      'at least 40 (toll as of 22 Mar 2024), per Federal Security Service via Russian state news agencies',
    ]);
    expect(await killed.locator('.figure').first().getAttribute('title')).toBe('exact count');
    expect(await killed.locator('.figure').last().getAttribute('title')).toBe('lower bound');
    expect(await killed.innerText()).toMatch(/never added up/);
    expect(await killed.locator('.conflict-note').count()).toBe(0); // different as-of times: not "sources differ"
    expect(await texts('.total-row[data-scope="toll"][data-metric="injured"] .claim')).toEqual([
      '182 (toll as of 25 Mar 2024), per Alexander Bastrykin',
      'more than 100 (toll as of 22 Mar 2024), per Federal Security Service via Russian state news agencies',
    ]);
    // The detentions and charges belong to the attack as an incident, listed, never folded into a toll.
    expect(await texts('.total-row[data-scope="incident"][data-metric="arrested"] .claim')).toEqual(['11 (in this incident, reported 23 Mar 2024), per Kremlin']);
    expect(await texts('.total-row[data-scope="incident"][data-metric="charged"] .claim')).toEqual(['4 (in this incident, reported 24 Mar 2024), per Moscow courts press service']);
    const figures = await texts('.totals .claim .figure');
    for (const never of ['93', '133', '316', '319', '282']) expect(figures).not.toContain(never);
    await page.locator('.totals-panel').screenshot({ path: join(ARTIFACTS, 'dashboard-ru-figures.png') });
  });

  it('live: a correction folds into its row in place, a conflicting toll shows "sources differ", a new fact is announced', async () => {
    await open(LK);
    const all = corpus(LK);
    const arrests = all.find((u) => u.id === `${LK}:mirihana-arrests`)!;
    const toll = all.find((u) => u.id === `${LK}:violence-toll`)!;
    await publisher.publish([
      // The police correct their Mirihana count: the row keeps its place, the figure changes, the history keeps 54.
      assertUpdate({ ...structuredClone(arrests), id: 'browser-test:mirihana-arrests-corrected', revises: arrests.id, headline: 'Correction: police arrested 45 people over the Mirihana unrest', reported: { date: '2022-04-02', zone: 'Asia/Colombo' }, payload: { ...structuredClone(arrests.payload), count: { value: 45, qualifier: 'exact', scope: 'incident' } } }),
      // Another source, the same metric, place and as-of day, a figure that cannot also be true: sources differ.
      assertUpdate({ ...structuredClone(toll), id: 'browser-test:toll-5', headline: 'Health ministry puts the death toll at five', sources: [{ name: 'Health Ministry', role: 'ministry' }], relations: undefined, payload: { status: 'figures', killed: { total: { value: 5, qualifier: 'exact', scope: 'toll', asOf: { date: '2022-05-10', zone: 'Asia/Colombo' } } } } }),
    ]);
    const killed = page.locator('.total-row[data-scope="toll"][data-metric="killed"]:not([data-who])');
    await expect.poll(() => killed.locator('.claim').count(), { timeout: 15_000 }).toBe(2);
    expect((await texts('.total-row[data-scope="toll"][data-metric="killed"]:not([data-who]) .claim')).sort()).toEqual([
      '5 (toll as of 10 May 2022), per Health Ministry',
      '8 (toll as of 10 May 2022), per Sri Lanka Police',
    ]);
    expect(await killed.locator('.conflict-note').innerText()).toBe('Sources differ on this toll for the same place and time.');
    expect(await killed.innerText()).not.toMatch(/\b13\b/); // 8 and 5 are never added up

    await expect.poll(() => texts('.total-row[data-scope="incident"][data-metric="arrested"] .claim .figure'), { timeout: 15_000 }).toEqual(['45']);
    const row = page.locator(`#feed > li[data-id="${arrests.id}"]`);
    expect(await row.locator('.headline').innerText()).toBe('Correction: police arrested 45 people over the Mirihana unrest');
    // In its place in the story (reported 1 Apr, its first report), not at the correction's date.
    expect(await row.locator('.report-time').innerText()).toBe('Reported Fri 1 Apr 2022 (local date, Colombo)');
    expect(await row.locator('.history summary').innerText()).toBe('Corrected once (last Sat 2 Apr 2022) — show earlier version');
    expect(await row.locator('.history').textContent()).toContain('Police arrest 54 people over the Mirihana unrest');
    expect(await page.locator('#feed > li[data-id="browser-test:mirihana-arrests-corrected"]').count()).toBe(0);
    await expect.poll(() => page.locator('#announcer').innerText(), { timeout: 5000 }).toMatch(/Correction: police arrested 45/);
  });

  it('filters by place and urgency, as tail does, in place', async () => {
    await open(LK);
    await page.selectOption('#f-urgency', 'flash');
    await expect.poll(async () => [...new Set(await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-urgency'))))], { timeout: 5000 }).toEqual(['flash']);
    const flash = corpus(LK).filter((u) => u.urgency === 'flash' && !u.retracts).length;
    expect(await page.locator('#feed > li[data-id]').count()).toBe(flash);
    await page.selectOption('#f-urgency', '');
    await page.selectOption('#f-place', 'city:Colombo');
    await expect.poll(async () => (await texts('#feed > li[data-id] .place')).every((p) => /\bColombo, LK\b/.test(p)), { timeout: 5000 }).toBe(true);
    // The board narrows to measures of that place: none of the nationwide curfews is "in Colombo".
    expect(await page.locator('.measure').count()).toBe(0);
    await page.selectOption('#f-place', '');
  });

  it('replays by story time: what happened from a day on, in the order it happened; then back to live', async () => {
    await open(LK);
    const NINTH = new RegExp(`^${LK}:(july-9-protest|tear-gas-colombo|president-leaves-residence|presidents-house-stormed)$`);
    await page.selectOption('#r-mode', 'story');
    await page.fill('#r-date', '2022-07-09');
    await page.click('#r-go');
    await page.waitForSelector('#conn[data-status="live"]', { timeout: 30_000 });
    // By hand: four facts of 9 July given as that day (no time), then the evening's fire at the prime minister's home.
    await expect.poll(async () => (await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')))).slice(0, 5), { timeout: 30_000 }).toEqual([
      expect.stringMatching(NINTH),
      expect.stringMatching(NINTH),
      expect.stringMatching(NINTH),
      expect.stringMatching(NINTH),
      `${LK}:prime-minister-home-burned`,
    ]);
    const ids = await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids).not.toContain(`${LK}:cabinet-resigns`); // 3 Apr: before the day chosen
    expect(ids.at(-1)).toBe(`${LK}:camp-raided`); // 22 Jul, early morning: the last thing that happened
    expect(await page.locator('#replay-banner').innerText()).toMatch(/^Replay of lk-crisis-2022 by story time 2022-07-09 \(Asia\/Colombo\)/);
    await page.click('#r-stop');
    await expect.poll(() => page.locator('#replay-banner').isHidden(), { timeout: 5000 }).toBe(true);
    await expect.poll(async () => (await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id'))))[0], { timeout: 5000 }).toBe(`${LK}:camp-raided`);
  });

  it('replays by publication (Kafka) time: only what the wire sent since then', async () => {
    await open(LK);
    const base = corpus(LK).find((u) => u.id === `${LK}:july-9-protest`)!;
    // Kafka timestamps have millisecond resolution, the field whole seconds: start past the last second used.
    const from = Math.ceil((Date.now() + 1) / 1000) * 1000;
    await new Promise((r) => setTimeout(r, from - Date.now() + 50));
    await publisher.publish([assertUpdate({ ...structuredClone(base), id: 'browser-test:published-after', headline: 'Published after the replay point', relations: undefined })]);
    await page.selectOption('#r-mode', 'kafka');
    const local = await page.evaluate((ms) => {
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    }, from);
    await page.fill('#r-published', local);
    await page.click('#r-go');
    await expect.poll(async () => (await page.$$eval('#feed > li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')))).join(','), { timeout: 30_000 }).toBe('browser-test:published-after');
    expect(await page.locator('#replay-banner').innerText()).toMatch(/^Replay of lk-crisis-2022 by publication time since .*: 1 update read\./);
    await page.click('#r-stop');
  });

  it('switches story from the picker: the seed story reads as the facts say', async () => {
    await open(LK);
    await page.fill('#f-story', KZ);
    await page.press('#f-story', 'Enter');
    await page.waitForFunction((kz) => document.querySelector('#story-title')?.textContent === kz && document.body.dataset.opened === 'true', KZ, { timeout: 30_000 });
    await expect.poll(() => texts('.total-row[data-scope="toll"][data-metric="arrested"] .claim'), { timeout: 15_000 }).toEqual([
      'more than 4,400 (toll as of 8 Jan 2022), per Interior Ministry via state television',
    ]);
    expect(await texts('.total-row[data-scope="toll"][data-metric="killed"] .claim')).toEqual(['more than 40 (toll as of some time up to 8 Jan 2022), per the authorities']);
    expect(await page.locator(`.measure[data-id="${KZ}:almaty-internet-off"]`).innerText()).toMatch(/Internet: shut down[\s\S]*Shut down by the authorities/);
    expect(await page.locator(`#feed > li[data-id="${KZ}:shoot-without-warning"] .facts`).innerText()).toMatch(/to shoot at demonstrators, called “terrorists”, “bandits”, without warning/);
    expect(new URL(page.url()).searchParams.get('story')).toBe(KZ);
  });

  it('a fresh browser’s picker offers the stories published before the page opened (the gateway’s listing)', async () => {
    // A context of its own: nothing in localStorage, and none of these stories is published while it is open.
    const context = await browser.newContext();
    try {
      const fresh = await context.newPage();
      await fresh.goto(`http://127.0.0.1:${gateway.port}/?story=${LK}`);
      await fresh.waitForSelector('#conn[data-status="live"]', { timeout: 30_000 });
      const offered = () => fresh.$$eval('#stories option', (els) => els.map((e) => (e as HTMLOptionElement).value).sort());
      await expect.poll(offered, { timeout: 15_000 }).toEqual([LONG, KZ, LK, RU].sort());
    } finally {
      await context.close();
    }
  });

  it('is usable from the keyboard, with large type and a wall mode', async () => {
    await open(LK);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Skip to the feed/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('large');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#large', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.classList.contains('large'))).toBe(true);
    for (const id of ['f-story', 'f-place', 'f-urgency', 'f-kind', 'f-verification', 'r-mode', 'r-date']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-lk-large.png') });
    await page.click('#large');
    expect(await page.getAttribute('#announcer', 'aria-live')).toBe('polite');

    await open(LK, '&wall=1');
    expect(await page.locator('.controls').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.classList.contains('large'))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-lk-wall.png') });
    expect(pageErrors).toEqual([]);
  });
});
