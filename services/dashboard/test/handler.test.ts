/**
 * The dashboard's HTTP side through a real server: the three files with their
 * content types, a strict CSP on the page, gzip, revalidation, and "not mine"
 * for every other path (so the gateway's 404 and endpoints stay in charge).
 */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, contentSecurityPolicy, createDashboardHandler, type AssetBundle } from '../src/index.ts';

let server: Server;
let base: string;
let bundle: AssetBundle;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'newswire-dashboard-'));
  bundle = await build({ outDir });
  // Served from what build() wrote, as the Docker image does.
  const handler = await createDashboardHandler({ distDir: outDir });
  server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end('not the dashboard');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(outDir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return fetch(base + path, { method, headers: { 'accept-encoding': 'identity', ...headers } });
}

describe('dashboard handler', () => {
  it('writes exactly the three files to dist/', async () => {
    expect((await readdir(outDir)).sort()).toEqual(['app.css', 'app.js', 'index.html']);
  });

  it('serves the page with a strict CSP and no inline code', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const host = new URL(base).host;
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is external
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/); // no inline styles or handlers
    expect(html).not.toMatch(/https?:\/\//); // nothing from another host
  });

  it('serves app.js and app.css with their types, and nothing refers to another host', async () => {
    const js = await get('/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await js.text();
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toMatch(/(?:src|href)\s*=\s*["']https?:\/\//);
    const css = await get('/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).not.toMatch(/@import|url\(\s*["']?https?:/);
  });

  it('ships zod with its English messages only: the other locales were most of app.js and the page never uses them', () => {
    const js = bundle.get('/app.js')!.body.toString();
    // The English message the SDK shows for a wrong frame is there...
    expect(js).toContain('Invalid input');
    // ...and zod's Dutch and Indonesian ones are not (ASCII, so esbuild does not escape them).
    for (const foreign of ['Ongeldige invoer', 'Input tidak valid']) expect(js).not.toContain(foreign);
  });

  it('keeps a hostile Host header out of the CSP', () => {
    expect(contentSecurityPolicy('evil.example; script-src *')).not.toContain('evil');
    expect(contentSecurityPolicy(undefined)).toContain("connect-src 'self'");
    expect(contentSecurityPolicy('dash.example:8080')).toContain("connect-src 'self' ws://dash.example:8080 wss://dash.example:8080");
  });

  it('gzips when asked, revalidates with ETags, answers HEAD', async () => {
    const gz = await fetch(base + '/app.js', { headers: { 'accept-encoding': 'gzip' } });
    // fetch decodes gzip transparently; the header says it was compressed.
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gz.arrayBuffer()).equals(bundle.get('/app.js')!.body)).toBe(true);
    expect(gunzipSync(bundle.get('/app.js')!.gzip).equals(bundle.get('/app.js')!.body)).toBe(true);

    const first = await get('/app.css');
    const etag = first.headers.get('etag')!;
    expect((await get('/app.css', { 'if-none-match': etag })).status).toBe(304);
    const head = await get('/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('leaves every other path and method to the gateway', async () => {
    for (const path of ['/healthz', '/metrics', '/app.js.map', '/../package.json', '/index.htm']) {
      expect((await get(path)).status).toBe(404);
    }
    expect((await get('/', {}, 'POST')).status).toBe(404);
  });
});
