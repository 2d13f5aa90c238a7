/** The gateway's Prometheus metrics, on a Registry of its own (two gateways in one process never collide). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'newswire_gateway_connections', help: 'Open WebSocket connections', registers: [this.registry] });
  readonly subscriptions = new Gauge({ name: 'newswire_gateway_subscriptions', help: 'Active subscriptions', registers: [this.registry] });
  readonly updatesIn = new Counter({ name: 'newswire_gateway_updates_in_total', help: 'Updates consumed from Kafka (live)', labelNames: ['topic'] as const, registers: [this.registry] });
  readonly invalidIn = new Counter({ name: 'newswire_gateway_invalid_records_total', help: 'Kafka records skipped because they are not valid updates', registers: [this.registry] });
  readonly deliveries = new Counter({ name: 'newswire_gateway_deliveries_total', help: 'Update frames written to sockets', labelNames: ['mode'] as const, registers: [this.registry] });
  readonly lagged = new Counter({ name: 'newswire_gateway_lagged_clients_total', help: 'Clients cut off for reading too slowly (close 4008)', registers: [this.registry] });
  readonly closed = new Counter({ name: 'newswire_gateway_closed_connections_total', help: 'Closed connections by close code', labelNames: ['code'] as const, registers: [this.registry] });
  readonly clientErrors = new Counter({ name: 'newswire_gateway_client_errors_total', help: 'Error frames sent to clients', labelNames: ['code'] as const, registers: [this.registry] });
  readonly rejectedUpgrades = new Counter({ name: 'newswire_gateway_rejected_upgrades_total', help: 'Upgrades refused before the WebSocket handshake', labelNames: ['status'] as const, registers: [this.registry] });
  readonly replays = new Gauge({ name: 'newswire_gateway_replays_active', help: 'Replays reading from Kafka now', registers: [this.registry] });
  readonly replaysWaiting = new Gauge({ name: 'newswire_gateway_replays_waiting', help: 'Replays waiting for a replay slot', registers: [this.registry] });
  readonly catchupRanges = new Counter({ name: 'newswire_gateway_catchup_ranges_total', help: 'Partition ranges delivered during catch-up/replay, by where they came from', labelNames: ['source'] as const, registers: [this.registry] });
  readonly catchupOverflows = new Counter({ name: 'newswire_gateway_catchup_overflows_total', help: 'Catch-ups that went round again because live updates overflowed their buffer', registers: [this.registry] });
  readonly gaps = new Counter({ name: 'newswire_gateway_gaps_total', help: 'Gap notices sent', labelNames: ['reason'] as const, registers: [this.registry] });
  readonly consumerLag = new Gauge({ name: 'newswire_gateway_consumer_lag', help: 'Records between the live consumer and the high watermark', labelNames: ['topic', 'partition'] as const, registers: [this.registry] });
  readonly latency = new Histogram({
    name: 'newswire_gateway_e2e_latency_seconds',
    help: 'From the Kafka record timestamp to the live frame being written to the sockets',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly sendBufferMax = new Gauge({ name: 'newswire_gateway_send_buffer_max_bytes', help: 'Largest per-connection send buffer (bytes queued to one socket), sampled at scrape', registers: [this.registry] });
  readonly windowBytes = new Gauge({ name: 'newswire_gateway_window_bytes', help: 'Frame bytes held by the resume windows of every partition together (bounded by GATEWAY_WINDOW_TOTAL_BYTES), sampled at scrape', registers: [this.registry] });
  readonly sendBufferTotal = new Gauge({ name: 'newswire_gateway_send_buffer_bytes', help: 'Bytes queued to all sockets, sampled at scrape', registers: [this.registry] });
  /** Pre-bound children: the delivery path must not hash label values per frame. */
  readonly liveDeliveries = this.deliveries.labels('live');
  readonly replayDeliveries = this.deliveries.labels('replay');

  constructor(defaultMetrics = true) {
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'newswire_gateway_' });
  }
}
