/**
 * The dev broker in this process on a free port, stoppable and restartable
 * on the same port and data: the chaos tests need Kafka to go away for a
 * while and come back, which an external cluster or a container cannot be
 * asked to do (startKafka()'s restart() is a stop and start in one step).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DevBroker {
  brokers: string[];
  /** The broker goes away (its port refuses connections). */
  stop(): Promise<void>;
  /** It comes back on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

export async function devBroker(): Promise<DevBroker> {
  const { startBroker } = await import('@newswire/broker');
  const dataDir = await mkdtemp(join(tmpdir(), 'newswire-chaos-broker-'));
  const launch = (port: number) => startBroker({ host: '127.0.0.1', port, dataDir, defaultPartitions: 3, groupInitialRebalanceDelayMs: 0 });
  let broker: Awaited<ReturnType<typeof launch>> | undefined = await launch(0);
  const port = broker.port;
  return {
    brokers: [`127.0.0.1:${port}`],
    async stop() {
      await broker?.stop();
      broker = undefined;
    },
    async start() {
      broker ??= await launch(port);
    },
    async dispose() {
      await broker?.stop();
      broker = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
