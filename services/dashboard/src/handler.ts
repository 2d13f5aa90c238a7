/**
 * The HTTP side of the dashboard: serves index.html, app.js and app.css from
 * memory with a strict Content-Security-Policy. Plugged into the gateway as
 * its `staticHandler`, so the page and its WebSocket share one origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { build, loadBundle, type AssetBundle } from './build.ts';

export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Nothing but our own script, style and WebSocket; no inline code, no frames,
 * no forms, no external hosts. `connect-src 'self'` covers ws: on the same
 * host in current browsers; the explicit ws:/wss: entries (from a validated
 * Host header) cover older ones.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const safeHost = host && /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : undefined;
  const connect = ["'self'", ...(safeHost ? [`ws://${safeHost}`, `wss://${safeHost}`] : [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const ROUTES: Record<string, string> = {
  '/': '/index.html',
  '/index.html': '/index.html',
  '/app.js': '/app.js',
  '/app.css': '/app.css',
};

export interface DashboardHandlerOptions {
  /** Serve a bundle written by `build({ outDir })` instead of building now. */
  distDir?: string;
  /** Serve this bundle (tests). */
  bundle?: AssetBundle;
}

/** Build (or load) the dashboard once, then serve it. Returns true when it handled the request. */
export async function createDashboardHandler(opts: DashboardHandlerOptions = {}): Promise<DashboardHandler> {
  // DASHBOARD_DIST_DIR reaches here as opts.distDir, read by the caller through the config schema.
  const bundle = opts.bundle ?? (opts.distDir ? await loadBundle(opts.distDir) : await build());
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/favicon.ico') {
      res.writeHead(204, { 'cache-control': 'max-age=86400' });
      res.end();
      return true;
    }
    const key = ROUTES[pathname];
    const a = key ? bundle.get(key) : undefined;
    if (!a) return false;
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const payload = gzip ? a.gzip : a.body;
    // Each encoding is its own representation, so its own validator.
    const etag = gzip ? `${a.etag.slice(0, -1)}-gz"` : a.etag;
    const headers: Record<string, string | number> = {
      'content-type': a.contentType,
      'content-length': payload.length,
      vary: 'accept-encoding',
      etag,
      // Revalidate every time: the bundle changes when the server restarts with new code.
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    };
    if (gzip) headers['content-encoding'] = 'gzip';
    if (a.contentType.startsWith('text/html')) {
      headers['content-security-policy'] = contentSecurityPolicy(req.headers.host);
      headers['x-frame-options'] = 'DENY';
    }
    if (req.headers['if-none-match'] === etag) {
      delete headers['content-length'];
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : payload);
    return true;
  };
}
