/**
 * The HTTP ingest service: `POST /v1/updates` takes one update, a JSON array
 * of updates, or NDJSON, validates every item (all or nothing), and publishes
 * through the producer library. `/healthz` and `/metrics` for operations.
 *
 *   202 { accepted, duplicates, positions: [{ id, topic, partition, offset, duplicate? }] }
 *   400 { error, errors: [{ index, line?, path, message }] }   nothing was published
 *   401 missing or wrong bearer token (when a token is configured)
 *   413 body over the limit; 415 other content types; 503 Kafka failed (retry: ids are idempotent)
 *
 * Repeated ids: the service remembers the positions of the last
 * `dedupeWindow` published ids (LRU) and answers a repeat with the original
 * position, marked duplicate, without publishing it again. Beyond that
 * window (or across restarts) consumers dedupe by id, the update's
 * idempotency key; the idempotent producer covers the service's own retries.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, loadConfig, type Logger } from '@newswire/config';
import { createPublisher, validateAll, type Position, type Publisher } from '@newswire/kafka';
import type { Update } from '@newswire/schema';
import { bearerMatches } from './auth.ts';
import { HttpError, parseItems, readBody } from './body.ts';
import { RecentIds } from './dedupe.ts';
import { createMetrics } from './metrics.ts';

export interface IngestOptions {
  host?: string;
  port?: number;
  brokers: string[];
  /** Bearer token required on POST /v1/updates; unset = no auth. */
  token?: string;
  maxBodyBytes?: number;
  /** Ids remembered for duplicate detection. */
  dedupeWindow?: number;
  logger?: Logger;
  /** Partitions for newswire topics created at startup. */
  partitions?: number;
  connectTimeoutMs?: number;
  /** An existing publisher (tests, `newswire start`); otherwise one is created and owned. */
  publisher?: Publisher;
}

export interface RunningIngest {
  host: string;
  port: number;
  url: string;
  stop(): Promise<void>;
}

type Outcome = Position & { duplicate?: true };

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
  const config = loadConfig();
  const logger = opts.logger ?? createLogger('ingest');
  const host = opts.host ?? config.INGEST_HOST;
  const maxBodyBytes = opts.maxBodyBytes ?? config.INGEST_MAX_BODY_BYTES;
  const token = opts.token ?? config.INGEST_TOKEN;
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
      connectTimeoutMs: opts.connectTimeoutMs ?? config.KAFKA_CONNECT_TIMEOUT_MS,
      ceSource: '/newswire/ingest',
      // Many concurrent single-update requests: wait 2 ms so they share produce requests.
      lingerMs: 2,
    }));

  /** Publishes the updates not seen recently; repeats get the original position. */
  async function publishOnce(updates: Update[]): Promise<Outcome[]> {
    const outcomes: (Outcome | Promise<Outcome>)[] = [];
    const fresh: Update[] = [];
    const freshSlots: number[] = [];
    const firstInRequest = new Map<string, number>();
    for (const u of updates) {
      const known = recent.lookup(u.id);
      if (known) {
        outcomes.push(Promise.resolve(known).then((p) => ({ ...p, duplicate: true as const })));
        continue;
      }
      const earlier = firstInRequest.get(u.id);
      if (earlier !== undefined) {
        outcomes.push(Promise.resolve().then(async () => ({ ...(await outcomes[earlier]!), duplicate: true as const })));
        continue;
      }
      firstInRequest.set(u.id, outcomes.length);
      freshSlots.push(outcomes.length);
      outcomes.push(undefined as never); // filled below
      fresh.push(u);
    }
    const started = process.hrtime.bigint();
    const batch = publisher.publishValidated(fresh);
    fresh.forEach((u, i) => {
      const one = batch.then((positions) => positions[i]!);
      recent.track(u.id, one);
      outcomes[freshSlots[i]!] = one;
    });
    const settled = await Promise.all(outcomes);
    if (fresh.length) metrics.publishSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    return settled;
  }

  async function postUpdates(req: IncomingMessage, res: ServerResponse): Promise<number> {
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      throw new HttpError(401, 'missing or wrong bearer token', undefined);
    }
    const body = await readBody(req, maxBodyBytes);
    const { items, errors: syntaxErrors } = parseItems(body, req.headers['content-type']);
    if (items.length === 0 && syntaxErrors.length === 0) throw new HttpError(400, 'no updates in the body');
    const { updates, errors } = validateAll(items.map((i) => i.value));
    const itemErrors = [
      ...syntaxErrors,
      ...errors.map((e) => {
        const item = items[e.index]!;
        return { index: item.index, ...(item.line !== undefined ? { line: item.line } : {}), path: e.path, message: e.message };
      }),
    ].sort((a, b) => a.index - b.index);
    if (itemErrors.length) {
      const bad = new Set(itemErrors.map((e) => e.index)).size;
      metrics.rejected.inc(items.length + syntaxErrors.length);
      send(res, 400, { error: `${bad} invalid update(s); nothing was published`, errors: itemErrors });
      return 400;
    }
    const outcomes = await publishOnce(updates);
    const duplicates = outcomes.filter((o) => o.duplicate).length;
    metrics.accepted.inc(outcomes.length - duplicates);
    metrics.duplicates.inc(duplicates);
    send(res, 202, { accepted: outcomes.length - duplicates, duplicates, positions: outcomes });
    return 202;
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
        send(res, draining ? 503 : 200, { status: draining ? 'stopping' : 'ok', recentIds: recent.size });
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
    handle()
      .catch((err: unknown) => {
        if (err instanceof HttpError) {
          const headers: Record<string, string> = {};
          if (err.status === 401) headers['www-authenticate'] = 'Bearer realm="newswire-ingest"';
          if (err.status === 405) headers.allow = 'POST';
          // Do not read the rest of an oversized body: answer and close.
          if (err.status === 413) headers.connection = 'close';
          if (!res.headersSent) send(res, err.status, { error: err.message, ...err.body }, headers);
          if (err.status === 413) res.once('finish', () => req.destroy());
          return err.status;
        }
        logger.warn({ err }, 'publishing failed');
        if (!res.headersSent) send(res, 503, { error: 'publishing to Kafka failed; retry (update ids make retries safe)' }, { 'retry-after': '1' });
        return 503;
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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? config.INGEST_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ host, port, auth: token !== undefined, maxBodyBytes, dedupeWindow: recent.capacity }, 'ingest listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests already being handled finish (and their updates are flushed) before the producer goes.
      const deadline = Date.now() + 10_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
      if (ownsPublisher) await publisher.close();
      else await publisher.flush();
      logger.info('ingest stopped');
    })());
  return { host, port, url, stop };
}
