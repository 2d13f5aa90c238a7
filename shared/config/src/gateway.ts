import { z } from 'zod';

const csv = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined));
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const gatewayConfig = z.object({
  /** Empty would bind every interface (Node's listen(port, '') is '::'): refused like BROKER_HOST. */
  GATEWAY_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Comma-separated topics to serve; default every newswire topic. */
  GATEWAY_TOPICS: csv,
  /** HMAC secret (HS256/384/512) for client JWTs. Setting it (or GATEWAY_JWKS_URL) turns auth on. */
  GATEWAY_JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** JWKS URL for asymmetric client JWTs (RS256, ES256, EdDSA, ...). */
  GATEWAY_JWKS_URL: z.url().optional(),
  GATEWAY_JWT_ISSUER: z.string().optional(),
  GATEWAY_JWT_AUDIENCE: z.string().optional(),
  /** Comma-separated allowed Origin values for browser upgrades; unset = any origin. */
  GATEWAY_ALLOWED_ORIGINS: csv,
  GATEWAY_MAX_CONNECTIONS: int(10_000, 1, 1_000_000),
  /** Largest client frame in bytes (close 1009 beyond it). */
  GATEWAY_MAX_PAYLOAD: int(16 * 1024, 256, 1024 * 1024),
  GATEWAY_MAX_SUBSCRIPTIONS: int(16, 1, 1000),
  /** Client messages per second (token bucket refill) and burst. */
  GATEWAY_RATE_PER_SEC: int(20, 1, 10_000),
  GATEWAY_RATE_BURST: int(40, 1, 100_000),
  /** Per-connection send buffer bound in bytes: past it the client gets `lagged` and close 4008. */
  GATEWAY_MAX_BUFFERED_BYTES: int(4 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024),
  /** In-memory window of recent updates, per partition: entries and bytes. */
  GATEWAY_WINDOW_ENTRIES: int(10_000, 0, 10_000_000),
  GATEWAY_WINDOW_BYTES: int(16 * 1024 * 1024, 0, 4 * 1024 * 1024 * 1024),
  /** Bound on every partition's window together, in bytes: past it the largest window's oldest entries go. */
  GATEWAY_WINDOW_TOTAL_BYTES: int(64 * 1024 * 1024, 0, 64 * 1024 * 1024 * 1024),
  /** Records per partition read back at start to fill the window, so resumes after a restart come from memory. */
  GATEWAY_WARM_ENTRIES: int(2_000, 0, 10_000_000),
  /** Catch-up reads from Kafka at once (resumes and replays past the window): each a range read of the Kafka port, no consumer group; the rest queue in arrival order. */
  GATEWAY_REPLAY_CONCURRENCY: int(4, 1, 64),
  GATEWAY_HEARTBEAT_MS: int(30_000, 100, 3_600_000),
  /**
   * After the gateway sends a close (lagged 4008, shutdown 1012, policy 1008), how long a client
   * that reads nothing keeps its socket before it is terminated (the client then sees 1006 and
   * resumes from its own cursor).
   */
  GATEWAY_CLOSE_GRACE_MS: int(10_000, 0, 600_000),
  /** /readyz turns 503 when the live reader's last completed fetch is older than this (Kafka frozen or unreachable). */
  GATEWAY_READY_STALE_MS: int(5_000, 500, 600_000),
  /** Story state (docs/story-state.md): `on` folds every update into per-story state with snapshots in `<prefix>.story-state`; `off` serves no snapshots. */
  GATEWAY_STATE: z.enum(['on', 'off']).default('on'),
  /** Stories held at once; updates of further stories are counted, not folded. */
  GATEWAY_STATE_MAX_STORIES: int(1000, 1, 1_000_000),
  /** Most recent updates kept per story (the most a snapshot request may ask for). */
  GATEWAY_STATE_MAX_RECENT: int(200, 1, 100_000),
  /** Entries kept per story in each list (figures, measures, government changes, others); the oldest go first. */
  GATEWAY_STATE_MAX_ITEMS: int(1000, 1, 1_000_000),
  /** Snapshot every changed story (then a checkpoint) after this many folded updates... */
  GATEWAY_STATE_SNAPSHOT_EVERY: int(1000, 1, 100_000_000),
  /** ...or this many milliseconds, whichever comes first. */
  GATEWAY_STATE_SNAPSHOT_MS: int(5000, 50, 3_600_000),
});
