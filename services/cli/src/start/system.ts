/**
 * Starts newswire's parts in dependency order — broker, topics, gateway (with
 * the dashboard), ingest, demo wire — and stops them in reverse, within
 * NEWSWIRE_SHUTDOWN_TIMEOUT_MS whatever Kafka's state (a Teardown stack). If
 * a step fails, or a stop is requested while starting, whatever already runs
 * is stopped before the error propagates.
 */
import { openKafka } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { Teardown, type ConfigOf, type Logger } from '@newswire/config';
import type { Endpoints } from './banner.ts';

export interface RunningSystem {
  endpoints: Endpoints;
  /** Stops everything, newest first; safe to call twice. */
  stop(): Promise<void>;
}

/** Everything `newswire start` reads: every section but the tail client's. */
export type StartConfig = ConfigOf<'common' | 'kafka' | 'broker' | 'gateway' | 'dashboard' | 'ingest' | 'start'>;

/** The address clients use for a server bound to `host` (0.0.0.0 / :: are not dialable). */
export function dialHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
}

class StartAborted extends Error {
  constructor() {
    super('stop requested during startup');
  }
}

export async function startSystem(config: StartConfig, logger: Logger, signal: AbortSignal): Promise<RunningSystem> {
  const teardown = new Teardown({ timeoutMs: config.NEWSWIRE_SHUTDOWN_TIMEOUT_MS, logger });
  const check = () => {
    if (signal.aborted) throw new StartAborted();
  };
  const stopAll = async () => {
    await teardown.close();
  };

  try {
    // The dashboard bundle builds while the broker starts.
    const dashboardReady = import('@newswire/dashboard').then((d) =>
      d.createDashboardHandler(config.DASHBOARD_DIST_DIR ? { distDir: config.DASHBOARD_DIST_DIR } : {}),
    );
    dashboardReady.catch(() => {}); // awaited below; avoid an unhandled rejection if we bail out first

    // 1. Kafka: the dev broker in-process, unless KAFKA_BROKERS names a real cluster.
    let brokers = config.KAFKA_BROKERS;
    let kafkaLabel: string;
    if (brokers) {
      kafkaLabel = `${brokers.join(',')} (KAFKA_BROKERS)`;
    } else {
      const { startBroker, brokerOptionsFromConfig } = await import('@newswire/broker');
      const options = brokerOptionsFromConfig(config);
      const broker = await startBroker({ ...options, logger: logger.child({ component: 'broker' }) });
      teardown.defer('broker', () => broker.stop());
      brokers = [`${dialHost(config.BROKER_HOST)}:${broker.port}`];
      kafkaLabel = `${brokers[0]} (dev broker, data in ${options.dataDir})`;
    }
    check();

    // 2. Topics, so the gateway and the replay tools find them before the first publish.
    const kafka = await openKafka({ brokers, clientId: `${config.KAFKA_CLIENT_ID}-start`, logger, connectTimeoutMs: config.KAFKA_CONNECT_TIMEOUT_MS });
    try {
      const topics = newswireTopics(config.NEWSWIRE_TOPIC_PREFIX);
      const created = await kafka.ensureTopics(topics, { partitions: config.NEWSWIRE_TOPIC_PARTITIONS, replication: config.NEWSWIRE_TOPIC_REPLICATION });
      logger.info({ created, topics }, created.length ? 'topics created' : 'topics present');
    } finally {
      await kafka.close();
    }
    check();

    // 3. The gateway, serving the dashboard at /.
    const staticHandler = await dashboardReady;
    const { startGateway, gatewayOptionsFromConfig } = await import('@newswire/gateway');
    const gateway = await startGateway({
      ...gatewayOptionsFromConfig({ ...config, KAFKA_BROKERS: brokers }),
      staticHandler,
      logger: logger.child({ component: 'gateway' }),
    });
    teardown.defer('gateway', () => gateway.stop());
    check();

    // 4. Ingest (HTTP POST /v1/updates).
    const ingest = await startIngestService(config, brokers, logger.child({ component: 'ingest' }));
    teardown.defer('ingest', () => ingest.stop());
    check();

    // 5. The demo wire: runs in the background until done or stopped.
    const demo = startDemo(config, brokers, logger.child({ component: 'demo-wire' }));
    if (demo) teardown.defer('demo-wire', demo.stop);

    const gatewayHost = dialHost(config.GATEWAY_HOST);
    const endpoints: Endpoints = {
      dashboard: `http://${gatewayHost}:${gateway.port}/`,
      websocket: `ws://${gatewayHost}:${gateway.port}/`,
      health: `http://${gatewayHost}:${gateway.port}/healthz`,
      ingest: `http://${dialHost(config.INGEST_HOST)}:${ingest.port}/v1/updates`,
      brokers,
      kafka: kafkaLabel,
      topicPrefix: config.NEWSWIRE_TOPIC_PREFIX,
      demo: demo ? demo.description : 'off',
    };
    return { endpoints, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function startIngestService(config: StartConfig, brokers: string[], logger: Logger) {
  const { startIngest, ingestOptionsFromConfig } = await import('@newswire/ingest');
  return startIngest({ ...ingestOptionsFromConfig(config), brokers, logger });
}

function startDemo(config: StartConfig, brokers: string[], logger: Logger): { description: string; stop: () => Promise<void> } | null {
  if (config.START_DEMO === 'off') return null;
  const controller = new AbortController();
  const loop = config.START_DEMO === 'loop';
  const done = (async () => {
    const { runDemoWire } = await import('../producers/demo-wire.ts');
    const result = await runDemoWire({
      brokers,
      pace: config.START_DEMO_PACE,
      loop,
      signal: controller.signal,
      logger,
      partitions: config.NEWSWIRE_TOPIC_PARTITIONS,
      replication: config.NEWSWIRE_TOPIC_REPLICATION,
      topicPrefix: config.NEWSWIRE_TOPIC_PREFIX,
      onPublished(update, position, pass) {
        logger.info({ kind: update.kind, pass, ...position }, `demo: ${update.headline}`);
      },
    });
    logger.info({ ...result }, result.aborted ? 'demo wire stopped' : 'demo wire finished: the seed story is told');
  })().catch((err: unknown) => {
    // The demo is a convenience: a failure is logged, the system keeps running.
    logger.error({ err }, 'demo wire failed');
  });
  return {
    description: `telling the seed story ${loop ? 'in a loop' : 'once'} (pace ${config.START_DEMO_PACE})`,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}
