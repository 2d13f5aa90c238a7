/**
 * Starts the gateway or the ingest service in this process on a port that is
 * already taken, prints why it failed, and returns without exiting: the
 * process ends on its own only if the failed start closed every Kafka client
 * and timer it had opened. Usage: start-fails.ts gateway|ingest <brokers> <port>
 */
import { createLogger } from '@newswire/config';

const [service, brokers, port] = process.argv.slice(2);
const logger = createLogger(service ?? 'start-fails', { level: 'warn' });
const opts = { brokers: (brokers ?? '').split(','), port: Number(port), host: '127.0.0.1', logger, shutdownTimeoutMs: 5_000 };
try {
  if (service === 'gateway') {
    const { startGateway } = await import('@newswire/gateway');
    await startGateway(opts);
  } else {
    const { startIngest } = await import('@newswire/ingest');
    await startIngest(opts);
  }
  process.stdout.write('started (unexpected)\n');
} catch (err) {
  process.stdout.write(`failed: ${(err as Error).message}\n`);
}
