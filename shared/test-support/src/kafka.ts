import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { newswireTopics } from '@newswire/schema';

/**
 * The one way a test gets Kafka. In order of preference:
 *   1. KAFKA_BROKERS is set: an external cluster (real Apache Kafka).
 *   2. A Docker engine answers: a real Kafka container through testcontainers.
 *   3. Otherwise the dev broker, in-process, on a free port with a temp data dir.
 * The same suite thus runs on real Kafka wherever Docker exists.
 */
export type KafkaMode = 'external' | 'container' | 'dev-broker';

export interface TestKafka {
  mode: KafkaMode;
  brokers: string[];
  /**
   * A topic prefix of this startKafka() call alone (NEWSWIRE_TOPIC_PREFIX):
   * each test file reads and counts its own topics, so the suite can run
   * twice in a row against one long-lived cluster. A test that needs more
   * prefixes derives them as `${prefix}-<name>`: never a fixed name, which
   * a second run on the same cluster would find full. stop() deletes the
   * topics of the prefix and of its `-<name>` prefixes.
   */
  prefix: string;
  /** The newswire topics under `prefix`. */
  topics: string[];
  /** Environment for a spawned newswire process: KAFKA_BROKERS and NEWSWIRE_TOPIC_PREFIX. */
  env: Record<string, string>;
  /** Set for the dev broker only: where its data lives. */
  dataDir?: string;
  /** Whether restart() works in this mode (dev broker only). */
  canRestart: boolean;
  /**
   * Dev broker only: stops the broker and starts a new one on the same data dir
   * and port (the broker list stays valid). Throws in other modes: check canRestart.
   */
  restart(): Promise<void>;
  /**
   * Dev broker only: runs the broker's retention pass now instead of on its
   * 60 s timer. Throws in other modes (a test using it checks needsDevBroker).
   */
  enforceRetention(): void;
  stop(): Promise<void>;
}

const cannotRestart = (mode: KafkaMode) => async (): Promise<void> => {
  throw new Error(`startKafka: restart() is only supported for the in-process dev broker, not mode=${mode}`);
};
const cannotEnforceRetention = (mode: KafkaMode) => (): void => {
  throw new Error(`startKafka: enforceRetention() is only supported for the in-process dev broker, not mode=${mode}`);
};

let announced = false;
function announce(mode: KafkaMode, brokers: string[]): void {
  if (announced) return;
  announced = true;
  console.log(`[startKafka] mode=${mode} brokers=${brokers.join(',')}`);
}

let dockerAnswered: boolean | undefined;
function dockerReachable(): boolean {
  if (dockerAnswered !== undefined) return dockerAnswered;
  dockerAnswered = probeDocker() && nodeLoadsTestcontainers();
  return dockerAnswered;
}

/**
 * testcontainers 12.2 declares Node >= 22.22, and importing it on Node 20
 * throws (zstd in its undici): there the container mode is skipped, once,
 * with the reason, rather than failing every Kafka test in beforeAll.
 */
function nodeLoadsTestcontainers(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 22)) return true;
  console.log(`[startKafka] Docker answers, but testcontainers needs Node >= 22.22 (this is ${process.version}): using the in-process dev broker`);
  return false;
}

function probeDocker(): boolean {
  if (process.env.NEWSWIRE_TEST_NO_DOCKER === '1') return false;
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** Set by global-setup.ts beside KAFKA_BROKERS when that is the run's own Kafka container. */
export const CONTAINER_MARK = 'NEWSWIRE_TEST_KAFKA_CONTAINER';

/**
 * The mode startKafka() will use, known before it starts (for skipIf at
 * collection time). A Kafka container is started once per test run, by the
 * vitest global setup (global-setup.ts), which hands its address to every test
 * file through KAFKA_BROKERS; each file then works under its own topic prefix.
 */
export function kafkaMode(): KafkaMode {
  if (process.env.KAFKA_BROKERS) return process.env[CONTAINER_MARK] === '1' ? 'container' : 'external';
  return 'dev-broker';
}

/** Whether this run should start a Kafka container: no KAFKA_BROKERS, and a Docker engine and a Node that testcontainers runs on. */
export function wantsKafkaContainer(): boolean {
  return !process.env.KAFKA_BROKERS && dockerReachable();
}

/**
 * Capability check for tests that need the in-process dev broker (its
 * restart, per-test broker options, its data files...): true when the test
 * must be skipped, after printing why. Use as `it.skipIf(needsDevBroker('why'))`.
 */
export function needsDevBroker(why: string): boolean {
  const mode = kafkaMode();
  if (mode === 'dev-broker') return false;
  console.log(`[startKafka] skipping a test on mode=${mode}: it needs the in-process dev broker (${why})`);
  return true;
}

/**
 * Capability check for tests that read cluster-wide state, such as the list
 * of every consumer group: true on a shared cluster (KAFKA_BROKERS, or the
 * run's one Kafka container), where other test files change that state
 * meanwhile, after printing why. Only the in-process dev broker is each
 * file's own. Use as `it.skipIf(needsOwnCluster('why'))`.
 */
export function needsOwnCluster(why: string): boolean {
  const mode = kafkaMode();
  if (mode === 'dev-broker') return false;
  console.log(`[startKafka] skipping a test on mode=${mode}: it needs a Kafka cluster of its own (${why})`);
  return true;
}

/** A prefix no other test file or run shares: `nwtest-<8 hex>`. */
function uniquePrefix(): string {
  return `nwtest-${randomUUID().slice(0, 8)}`;
}

function naming(brokers: string[]): Pick<TestKafka, 'prefix' | 'topics' | 'env'> {
  const prefix = uniquePrefix();
  return { prefix, topics: newswireTopics(prefix), env: { KAFKA_BROKERS: brokers.join(','), NEWSWIRE_TOPIC_PREFIX: prefix } };
}

export interface StartKafkaOptions {
  /** Default partitions for auto-created topics (dev broker only). */
  partitions?: number;
  /**
   * Extra dev-broker options (ignored on real Kafka). The dev broker runs with
   * group.initial.rebalance.delay.ms 0 so a test's first group join is quick;
   * a test of the delay itself passes `{ groupInitialRebalanceDelayMs: 3000 }`.
   */
  broker?: Record<string, unknown>;
}

export async function startKafka(opts: StartKafkaOptions = {}): Promise<TestKafka> {
  const external = process.env.KAFKA_BROKERS;
  if (external) {
    const brokers = external.split(',').map((s) => s.trim()).filter(Boolean);
    // The run's one Kafka container (global-setup.ts) is a shared cluster too.
    const mode: KafkaMode = process.env[CONTAINER_MARK] === '1' ? 'container' : 'external';
    announce(mode, brokers);
    const names = naming(brokers);
    // A shared cluster: leave it as found, without this file's topics.
    const stop = () => dropTestTopics(brokers, names.prefix);
    return { mode, brokers, ...names, canRestart: false, restart: cannotRestart(mode), enforceRetention: cannotEnforceRetention(mode), stop };
  }
  const { startBroker } = await import('@newswire/broker');
  const dataDir = await mkdtemp(join(tmpdir(), 'newswire-test-broker-'));
  const launch = (port: number) =>
    startBroker({
      host: '127.0.0.1',
      port,
      dataDir,
      groupInitialRebalanceDelayMs: 0,
      ...(opts.partitions ? { defaultPartitions: opts.partitions } : {}),
      ...(opts.broker ?? {}),
    });
  let broker = await launch(0);
  const port = broker.port;
  const brokers = [`127.0.0.1:${port}`];
  announce('dev-broker', brokers);
  return {
    mode: 'dev-broker',
    brokers,
    ...naming(brokers),
    dataDir,
    canRestart: true,
    restart: async () => {
      await broker.stop();
      broker = await launch(port);
    },
    enforceRetention: () => broker.enforceRetentionNow(),
    stop: async () => {
      await broker.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Deletes every topic under `prefix` and its `prefix-<name>` prefixes (and
 * only those): what stop() does on a shared cluster, for a test whose
 * spawned commands used a prefix of their own there.
 */
export async function dropTestTopics(brokers: string[], prefix: string): Promise<void> {
  const { openKafka } = await import('@newswire/kafka');
  const { createLogger } = await import('@newswire/config');
  const kafka = await openKafka({ brokers, logger: createLogger('test-cleanup', { level: 'error' }), connectTimeoutMs: 10_000 });
  try {
    const mine = (await kafka.listTopics()).filter((t) => t.startsWith(`${prefix}.`) || t.startsWith(`${prefix}-`));
    if (mine.length) await kafka.deleteTopics(mine);
  } finally {
    await kafka.close();
  }
}
