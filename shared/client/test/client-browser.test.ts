/**
 * The SDK as a browser gets it: bundled by esbuild for the browser platform
 * (no Node built-ins may be pulled in) and run in headless Chromium with its
 * native WebSocket against a real gateway: receives published updates and
 * resumes across a graceful gateway restart with every update exactly once.
 *
 * Skipped with a message where Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeUpdates, waitFor } from '@newswire/test-support';
import { startSdkEnv, type SdkEnv } from './sdk-env.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[client-browser] skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

const ENTRY = join(import.meta.dirname, '..', 'src', 'index.ts');

async function bundle(): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'NewswireSDK',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('client SDK bundle for the browser', () => {
  it('bundles for the browser platform without Node built-ins or the ws package', async () => {
    const { code, inputs } = await bundle();
    expect(inputs.some((i) => i.startsWith('node:') || i.includes('node_modules/ws/'))).toBe(false);
    expect(inputs.some((i) => i.endsWith('shared/client/src/node.ts'))).toBe(false);
    expect(code.length).toBeGreaterThan(1000);
  });
});

describe.skipIf(!hasChromium)('client SDK in Chromium', () => {
  let env: SdkEnv;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startSdkEnv();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage();
    await page.setContent('<!doctype html><title>sdk</title>');
    await page.addScriptTag({ content: (await bundle()).code });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  const got = () => page.evaluate(() => (window as unknown as { got: string[] }).got);
  const states = () => page.evaluate(() => (window as unknown as { states: string[] }).states);
  /** The page is asked, so not every few milliseconds. */
  const POLL = { timeoutMs: 60_000, intervalMs: 100 };

  it('receives updates through the native WebSocket and resumes across a gateway restart', async () => {
    await page.evaluate(async (url) => {
      const w = window as unknown as { got: string[]; states: string[]; NewswireSDK: typeof import('../src/index.ts') };
      w.got = [];
      w.states = [];
      const client = w.NewswireSDK.connect({ url, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } });
      client.on('state', (s) => w.states.push(`${s.state}:${s.code ?? ''}:${s.recovered ?? ''}`));
      client.subscribe().on('update', (d) => w.got.push(d.update.id));
      await client.ready();
    }, env.url);
    const first = makeUpdates(50, { stories: 7 });
    await env.publisher.publishValidated(first);
    await waitFor(async () => (await got()).length >= first.length, 'the first 50 updates in the page', POLL);
    expect(new Set(await got())).toEqual(new Set(first.map((u) => u.id)));

    const during = makeUpdates(50, { stories: 7 });
    await env.restartGateway(async () => {
      await env.publisher.publishValidated(during);
    });
    const after = makeUpdates(50, { stories: 7 });
    await waitFor(async () => (await states()).filter((s) => s.startsWith('live')).length >= 2, 'live again after the restart', POLL);
    await env.publisher.publishValidated(after);
    await waitFor(async () => (await got()).length >= first.length + during.length + after.length, 'every update across the restart', POLL);
    const ids = await got();
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set([...first, ...during, ...after].map((u) => u.id)));
    const seen = await states();
    expect(seen).toContain('reconnecting:1012:');
    expect(seen.at(-1)).toBe('live::true');
  }, 120_000);
});
