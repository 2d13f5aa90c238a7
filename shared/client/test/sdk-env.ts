/**
 * What the client SDK tests run against: a real broker (startKafka), a real
 * gateway (startGateway) that can be restarted on the same port, the producer
 * library, and a TCP proxy between clients and the gateway whose connections
 * can be cut at will (a network drop as the client sees it: no close frame).
 */
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { startGateway, type GatewayOptions, type RunningGateway } from '@newswire/gateway';
import { createLogger } from '@newswire/config';
import { createPublisher, type Publisher } from '@newswire/kafka';
import { startKafka, type TestKafka } from '@newswire/test-support';

export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection pair (both directions, no close handshake). */
  dropAll(): number;
  close(): Promise<void>;
}

export async function startProxy(targetPort: () => number): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(targetPort(), '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    dropAll() {
      const n = pairs.size;
      for (const [a, b] of [...pairs]) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
      return n;
    },
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface SdkEnv {
  kafka: TestKafka;
  publisher: Publisher;
  gateway: RunningGateway;
  /** Direct gateway URL. */
  url: string;
  /** URL through the cuttable proxy. */
  proxyUrl: string;
  proxy: TcpProxy;
  /** Graceful stop of the gateway, then a fresh one on the same port (same broker). */
  restartGateway(between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function startSdkEnv(gatewayOptions: Partial<GatewayOptions> = {}): Promise<SdkEnv> {
  const kafka = await startKafka({ partitions: 3 });
  const level = process.env.LOG_LEVEL ?? 'warn';
  const publisher = await createPublisher({ brokers: kafka.brokers, topicPrefix: kafka.prefix, partitions: 3, clientId: 'sdk-test', logger: createLogger('publisher', { level }) });
  const opts: GatewayOptions = {
    host: '127.0.0.1',
    port: 0,
    brokers: kafka.brokers,
    topicPrefix: kafka.prefix,
    logger: createLogger('gateway', { level }),
    ...gatewayOptions,
  };
  let gateway = await startGateway(opts);
  const port = gateway.port;
  const proxy = await startProxy(() => port);
  const env: SdkEnv = {
    kafka,
    publisher,
    gateway,
    url: `ws://127.0.0.1:${port}`,
    proxyUrl: `ws://127.0.0.1:${proxy.port}`,
    proxy,
    async restartGateway(between) {
      await gateway.stop();
      await between?.();
      gateway = await startGateway({ ...opts, port });
      env.gateway = gateway;
    },
    async stop() {
      await proxy.close();
      await gateway.stop();
      await publisher.close();
      await kafka.stop();
    },
  };
  return env;
}
