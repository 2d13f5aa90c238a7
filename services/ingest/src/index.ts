/**
 * The HTTP ingest service: `POST /v1/updates` takes one update, a JSON array
 * of updates, or NDJSON, validates every item (all or nothing), and publishes
 * through the producer library. `/healthz` and `/metrics` for operations.
 *
 *   202 { accepted, duplicates, positions: [{ id, topic, partition, offset, duplicate? }] }
 *   400 { error, errors: [first 20 items x 5 issues], invalidItems, issues, notShown }   nothing was published
 *   401 missing or wrong bearer token (when a token is configured)
 *   403 a browser request (Origin / Sec-Fetch-* headers): ingest answers no CORS and takes none
 *   413 body or item count over the limit; 415 not JSON / NDJSON in UTF-8
 *   503 { error, stored, duplicates, failed, pending, results: [{ id, status, topic?, partition?, offset? }] }
 *       Kafka failed or did not answer within INGEST_PUBLISH_TIMEOUT_MS; retrying the same
 *       request is safe: stored ids are answered as duplicates, the others are published.
 *
 * Repeated ids: the service remembers the positions of the last
 * `dedupeWindow` published ids (LRU) and answers a repeat with the original
 * position, marked duplicate, without publishing it again. Beyond that
 * window (or across restarts) consumers dedupe by id, the update's
 * idempotency key; the idempotent producer covers the service's own retries.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configDefaults, createLogger, Teardown, type Logger } from '@newswire/config';
import { createPublisher, type Publisher } from '@newswire/kafka';
import { bearerMatches } from './auth.ts';
import { bodyKind, HttpError, readBody, splitBody } from './body.ts';
import { RecentIds } from './dedupe.ts';
import { createMetrics } from './metrics.ts';
import { createRequestPublisher } from './publish.ts';
import { validateItems } from './validate.ts';

export { ingestOptionsFromConfig } from './from-config.ts';

export interface IngestOptions {
  host?: string;
  port?: number;
  brokers: string[];
  /** Bearer token required on POST /v1/updates; unset = no auth. */
  token?: string;
  maxBodyBytes?: number;
  /** Ids remembered for duplicate detection. */
  dedupeWindow?: number;
  /** Most updates in one request (413 above). */
  maxItems?: number;
  /** Longest a request waits for Kafka before answering 503 with per-update results. */
  publishTimeoutMs?: number;
  /** Most updates waiting for Kafka at once; new requests get 503 past it. */
  maxPending?: number;
  logger?: Logger;
  /** Partitions for newswire topics created at startup. */
  partitions?: number;
  /** Replication factor of created topics (default NEWSWIRE_TOPIC_REPLICATION's, else min(3, brokers)). */
  replication?: number;
  /** NEWSWIRE_TOPIC_PREFIX: topics are `<prefix>.<family>`. */
  topicPrefix?: string;
  connectTimeoutMs?: number;
  /** stop() (and unwinding a failed start) finishes within this, whatever Kafka's state (default NEWSWIRE_SHUTDOWN_TIMEOUT_MS's). */
  shutdownTimeoutMs?: number;
  /** An existing publisher (tests, `newswire start`); otherwise one is created and owned. */
  publisher?: Publisher;
}

export interface RunningIngest {
  host: string;
  port: number;
  url: string;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; version=0.0.4; charset=utf-8' : 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export async function startIngest(opts: IngestOptions): Promise<RunningIngest> {
  // Defaults from the config schema, not the environment: a caller that wants the environment
  // reads it with loadConfig and passes ingestOptionsFromConfig(config) (the CLI does).
  const config = { ...configDefaults('kafka'), ...configDefaults('ingest') };
  const logger = opts.logger ?? createLogger('ingest');
  const host = opts.host ?? config.INGEST_HOST;
  const maxBodyBytes = opts.maxBodyBytes ?? config.INGEST_MAX_BODY_BYTES;
  const token = opts.token ?? config.INGEST_TOKEN;
  const maxItems = opts.maxItems ?? config.INGEST_MAX_ITEMS;
  const publishTimeoutMs = opts.publishTimeoutMs ?? config.INGEST_PUBLISH_TIMEOUT_MS;
  const recent = new RecentIds(opts.dedupeWindow ?? config.INGEST_DEDUPE_WINDOW);
  const metrics = createMetrics();
  const ownsPublisher = !opts.publisher;
  const publisher =
    opts.publisher ??
    (await createPublisher({
      brokers: opts.brokers,
      logger: logger.child({ component: 'publisher' }),
      clientId: 'newswire-ingest',
      partitions: opts.partitions ?? config.NEWSWIRE_TOPIC_PARTITIONS,
      replication: opts.replication ?? config.NEWSWIRE_TOPIC_REPLICATION,
      topicPrefix: opts.topicPrefix ?? config.NEWSWIRE_TOPIC_PREFIX,
      connectTimeoutMs: opts.connectTimeoutMs ?? config.KAFKA_CONNECT_TIMEOUT_MS,
      ceSource: '/newswire/ingest',
      // Many concurrent single-update requests: wait 2 ms so they share produce requests.
      lingerMs: 2,
    }));
  // What is opened from here on goes on this stack: a later startup step that fails (the port is
  // taken) closes the publisher it connected, and stop() closes the same stack, bounded in time.
  const teardown = new Teardown({ timeoutMs: opts.shutdownTimeoutMs ?? configDefaults('common').NEWSWIRE_SHUTDOWN_TIMEOUT_MS, logger });
  if (ownsPublisher) teardown.defer('kafka publisher', () => publisher.close());
  else teardown.defer('publisher flush', () => publisher.flush());

  const requests = createRequestPublisher({ publisher, recent, timeoutMs: publishTimeoutMs, maxPending: opts.maxPending ?? config.INGEST_MAX_PENDING });

  async function postUpdates(req: IncomingMessage, res: ServerResponse): Promise<number> {
    // Browsers send Origin on every POST, and Sec-Fetch-Site on every request; servers and
    // CLIs send neither (Node's fetch sends Sec-Fetch-Mode, so that one says nothing).
    // Refusing them closes cross-site writes whatever the content type or auth.
    const site = req.headers['sec-fetch-site'];
    if (req.headers.origin !== undefined || (site !== undefined && site !== 'none')) {
      throw new HttpError(403, 'requests from web browsers are refused: the ingest takes no cross-origin requests and answers no CORS');
    }
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      throw new HttpError(401, 'missing or wrong bearer token', undefined);
    }
    const kind = bodyKind(req.headers['content-type']);
    const body = await readBody(req, maxBodyBytes);
    const items = splitBody(body, kind, { maxItems });
    const checked = await validateItems(items);
    if ('invalid' in checked) {
      metrics.rejected.inc(items.length);
      send(res, 400, checked.invalid);
      return 400;
    }
    const out = await requests.publish(checked.updates);
    metrics.accepted.inc(out.stored);
    metrics.duplicates.inc(out.duplicates);
    if (out.seconds !== undefined) metrics.publishSeconds.observe(out.seconds);
    if (out.failed === 0 && out.pending === 0) {
      // The 202 shape predates per-update statuses: positions only, every one stored.
      const positions = out.results.map((r) => (r.status === 'stored' ? { id: r.id, topic: r.topic, partition: r.partition, offset: r.offset, ...(r.duplicate ? { duplicate: true } : {}) } : r));
      send(res, 202, { accepted: out.stored, duplicates: out.duplicates, positions });
      return 202;
    }
    logger.warn({ stored: out.stored, duplicates: out.duplicates, failed: out.failed, pending: out.pending }, 'publishing to Kafka failed for part of a request');
    const error =
      `publishing to Kafka failed: ${out.stored + out.duplicates} of ${out.results.length} update(s) stored, ` +
      `${out.failed} failed, ${out.pending} still pending; retry the same request: stored ids are answered as duplicates, not published again`;
    send(res, 503, { error, stored: out.stored, duplicates: out.duplicates, failed: out.failed, pending: out.pending, results: out.results }, { 'retry-after': '1' });
    return 503;
  }

  let inFlight = 0;
  let draining = false;
  const server = createServer((req, res) => {
    const started = Date.now();
    const path = (req.url ?? '/').split('?')[0]!;
    const route = path === '/v1/updates' || path === '/healthz' || path === '/metrics' ? path : 'other';
    inFlight++;
    const handle = async (): Promise<number> => {
      if (path === '/healthz' && req.method === 'GET') {
        send(res, draining ? 503 : 200, { status: draining ? 'stopping' : 'ok', recentIds: recent.size, pendingUpdates: requests.pending });
        return draining ? 503 : 200;
      }
      if (path === '/metrics' && req.method === 'GET') {
        send(res, 200, await metrics.registry.metrics());
        return 200;
      }
      if (path === '/v1/updates') {
        if (req.method !== 'POST') throw new HttpError(405, 'use POST');
        if (draining) throw new HttpError(503, 'shutting down');
        return postUpdates(req, res);
      }
      throw new HttpError(404, 'not found; POST /v1/updates, GET /healthz, GET /metrics');
    };
    void handle()
      .catch((err: unknown) => {
        if (err instanceof HttpError) {
          const headers: Record<string, string> = {};
          if (err.status === 401) headers['www-authenticate'] = 'Bearer realm="newswire-ingest"';
          // A CORS preflight (OPTIONS) ends here too: 405 and no Access-Control-* header allows nothing.
          if (err.status === 405) headers.allow = 'POST';
          if (err.status === 503) headers['retry-after'] = '1';
          // Do not read the rest of an oversized body: answer and close.
          if (err.status === 413) headers.connection = 'close';
          if (!res.headersSent) send(res, err.status, { error: err.message, ...err.body }, headers);
          if (err.status === 413) res.once('finish', () => req.destroy());
          return err.status;
        }
        // Kafka failures are answered by postUpdates with per-update results; this is a bug.
        logger.error({ err }, 'request failed unexpectedly');
        if (!res.headersSent) send(res, 500, { error: 'internal error; nothing is known to be published from this request' });
        return 500;
      })
      .then((status) => {
        metrics.requests.inc({ route, status: String(status) });
        const entry = { method: req.method, path, status, ms: Date.now() - started };
        if (status >= 500) logger.warn(entry, 'request failed');
        else logger.debug(entry, 'request');
      })
      .finally(() => {
        inFlight--;
      });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // Closed before the publisher (stack order): requests being handled finish and their updates
  // are flushed before the producer goes; past this step's share of the time they are cut.
  teardown.defer('http server', async (signal) => {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve())); // also when it never listened
    server.closeIdleConnections();
    while (inFlight > 0 && !signal.aborted) await new Promise((r) => setTimeout(r, 20));
    server.closeAllConnections();
    await closed;
  });

  await teardown.guard(new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? config.INGEST_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  }));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ host, port, auth: token !== undefined, maxBodyBytes, maxItems, publishTimeoutMs, dedupeWindow: recent.capacity }, 'ingest listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      draining = true;
      const { abandoned } = await teardown.close();
      logger.info(abandoned.length ? { abandoned } : {}, 'ingest stopped');
    })());
  return { host, port, url, stop };
}
