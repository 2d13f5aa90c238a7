/**
 * The dev broker in a process of its own, for the bench when
 * services/broker/src/main.ts is not available: `--port <p> --data-dir <dir> [--group-initial-rebalance-delay-ms <ms>]`.
 */
import { parseArgs } from 'node:util';
import { startBroker } from '@newswire/broker';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'group-initial-rebalance-delay-ms': { type: 'string' } } });
const delay = values['group-initial-rebalance-delay-ms'];
const broker = await startBroker({
  host: '127.0.0.1',
  port: Number(values.port ?? 0),
  dataDir: values['data-dir']!,
  defaultPartitions: 4,
  ...(delay !== undefined ? { groupInitialRebalanceDelayMs: Number(delay) } : {}),
});
process.stdout.write(JSON.stringify({ port: broker.port }) + '\n');
const stop = () => void broker.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
