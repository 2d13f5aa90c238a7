/**
 * `newswire gateway`: runs the WebSocket gateway until SIGINT/SIGTERM, then
 * shuts down gracefully (every client gets its resume positions and close 1012).
 */
import { createLogger, EXIT, exitCodeOf, flagOptions, loadConfig, shownDefault, waitForSignal } from '@newswire/config';
import { DEFAULT_BROKERS } from '@newswire/kafka';
import { parseFlags, type Command } from '../command.ts';

const help = `
usage: newswire gateway [--host <addr>] [--port <n>] [--brokers <host:port,...>] [--topics <t1,t2>]
                        [--jwt-secret <secret>] [--jwks-url <url>] [--allowed-origins <o1,o2>]

Run the WebSocket gateway. It reads every partition of the topics it serves with one tail of the
Kafka port, fetching from the partitions' leaders and joining no consumer group (so it starts at
once on any Kafka, and two gateways each deliver everything); resumes and replays older than its
memory window are group-less range reads. Updates fan out to WebSocket clients with filters,
lossless resume, replay, per-story snapshots and back-pressure.

Endpoints on the same port: ws://host:port/ (protocol: docs/gateway.md), /healthz, /readyz, /metrics,
and the dashboard at http://host:port/ (docs/dashboard.md).

  --host <addr>            listen address (env GATEWAY_HOST, default ${shownDefault('gateway', 'GATEWAY_HOST')})
  --port <n>               listen port, 0 = any free port (env GATEWAY_PORT, default ${shownDefault('gateway', 'GATEWAY_PORT')})
  --brokers <list>         Kafka bootstrap servers (env KAFKA_BROKERS; unset: the dev broker at ${DEFAULT_BROKERS.join(',')})
  --topics <list>          topics to serve (env GATEWAY_TOPICS; unset: every newswire topic)
  --jwt-secret <secret>    require client JWTs signed with this HMAC secret (env GATEWAY_JWT_SECRET)
  --jwks-url <url>         require client JWTs verified against this JWKS (env GATEWAY_JWKS_URL)
  --allowed-origins <list> browser origins allowed to connect (env GATEWAY_ALLOWED_ORIGINS; unset: any)

Limits, windows and story state come from the environment (every GATEWAY_* variable is in the
README's configuration table): GATEWAY_MAX_CONNECTIONS, GATEWAY_MAX_PAYLOAD, GATEWAY_MAX_SUBSCRIPTIONS,
GATEWAY_RATE_PER_SEC, GATEWAY_RATE_BURST, GATEWAY_MAX_BUFFERED_BYTES, GATEWAY_WINDOW_ENTRIES,
GATEWAY_WINDOW_BYTES, GATEWAY_WINDOW_TOTAL_BYTES, GATEWAY_WARM_ENTRIES, GATEWAY_REPLAY_CONCURRENCY,
GATEWAY_HEARTBEAT_MS, GATEWAY_STATE, ...
When listening it prints one line to stdout: {"listening":"ws://<host>:<port>/","port":<port>,"epoch":"..."}.

Shutdown (SIGINT/SIGTERM) is bounded by NEWSWIRE_SHUTDOWN_TIMEOUT_MS (default ${shownDefault('common', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS')}) whatever Kafka's state.
Exit codes: 143 stopped by SIGTERM, 130 by Ctrl-C (both after a graceful shutdown), 1 startup failure,
2 usage error or invalid configuration, 3 Kafka unreachable (see \`newswire --help\`).

Examples:
  newswire gateway
  newswire gateway --port 9000 --brokers 127.0.0.1:9092
  GATEWAY_JWT_SECRET=change-me-to-a-long-secret newswire gateway --allowed-origins https://desk.example
`;

/** The variable each flag sets (one schema validates both); the flags parsed are these and no others. */
const BINDINGS = {
  host: 'GATEWAY_HOST',
  port: 'GATEWAY_PORT',
  brokers: 'KAFKA_BROKERS',
  topics: 'GATEWAY_TOPICS',
  'jwt-secret': 'GATEWAY_JWT_SECRET',
  'jwks-url': 'GATEWAY_JWKS_URL',
  'allowed-origins': 'GATEWAY_ALLOWED_ORIGINS',
} as const;

async function run(argv: string[]) {
  const { values } = parseFlags({ args: argv, options: flagOptions(BINDINGS), allowPositionals: false, strict: true });
  const config = loadConfig(['common', 'kafka', 'gateway', 'dashboard'], { flags: values, bindings: BINDINGS });
  const { startGateway, gatewayOptionsFromConfig } = await import('@newswire/gateway');
  const logger = createLogger('gateway', { level: config.LOG_LEVEL ?? 'info' });
  let gw;
  try {
    // The dashboard at / (prebuilt in the Docker image via DASHBOARD_DIST_DIR, else bundled now).
    const { createDashboardHandler } = await import('@newswire/dashboard');
    const staticHandler = await createDashboardHandler(config.DASHBOARD_DIST_DIR ? { distDir: config.DASHBOARD_DIST_DIR } : {});
    // A start that fails half way closes what it opened (Teardown in startGateway): nothing to clean up here.
    gw = await startGateway({ ...gatewayOptionsFromConfig(config), logger, staticHandler });
  } catch (err) {
    if (err instanceof Error && err.name === 'KafkaUnreachableError') throw err;
    process.stderr.write(`newswire gateway: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
  process.stdout.write(JSON.stringify({ listening: `ws://${config.GATEWAY_HOST}:${gw.port}/`, port: gw.port, epoch: gw.epoch }) + '\n');
  const signal = await waitForSignal();
  logger.info({ signal }, 'shutting down');
  await gw.stop();
  return exitCodeOf(signal);
}

export const command: Command = { help, graceful: true, run };
