/** Prometheus metrics of one ingest instance (own registry, so several can run in one process). */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface IngestMetrics {
  registry: Registry;
  requests: Counter<'route' | 'status'>;
  accepted: Counter;
  rejected: Counter;
  duplicates: Counter;
  publishSeconds: Histogram;
}

export function createMetrics(): IngestMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'newswire_ingest_' });
  return {
    registry,
    requests: new Counter({
      name: 'newswire_ingest_http_requests_total',
      help: 'HTTP requests by route and status code',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    accepted: new Counter({ name: 'newswire_ingest_updates_accepted_total', help: 'Updates published to Kafka', registers: [registry] }),
    rejected: new Counter({ name: 'newswire_ingest_updates_rejected_total', help: 'Updates refused as invalid (whole requests are refused: every item counts)', registers: [registry] }),
    duplicates: new Counter({ name: 'newswire_ingest_updates_duplicate_total', help: 'Updates not republished because their id was seen recently', registers: [registry] }),
    publishSeconds: new Histogram({
      name: 'newswire_ingest_publish_duration_seconds',
      help: 'Time from a request being valid to Kafka acknowledging all its updates',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
