/**
 * vitest global setup: ONE Kafka container for the whole test run, when a
 * Docker engine answers and KAFKA_BROKERS is not set. Its address reaches
 * every test file through KAFKA_BROKERS (the forked workers inherit this
 * process's environment); startKafka() then gives each file its own topic
 * prefix, as on any shared cluster. Starting a broker per file would cost a
 * container start (tens of seconds) per file.
 */
import { CONTAINER_MARK, wantsKafkaContainer } from './kafka.ts';

const IMAGE = 'confluentinc/cp-kafka:7.6.1';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (!wantsKafkaContainer()) return;
  const { KafkaContainer } = await import('@testcontainers/kafka');
  console.log(`[startKafka] starting one Kafka container (${IMAGE}) for this run`);
  const container = await new KafkaContainer(IMAGE).withKraft().start();
  process.env.KAFKA_BROKERS = `${container.getHost()}:${container.getMappedPort(9093)}`;
  process.env[CONTAINER_MARK] = '1';
  return async () => {
    await container.stop();
  };
}
