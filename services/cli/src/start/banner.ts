/**
 * What `newswire start` tells a newcomer once everything is up: where the
 * dashboard is and what to try next, with commands that work as printed
 * (they carry --brokers/--gateway when the ports are not the defaults).
 */
import { configDefaults } from '@newswire/config';
import { DEFAULT_BROKERS as KAFKA_DEFAULT_BROKERS } from '@newswire/kafka';

export interface Endpoints {
  dashboard: string;
  websocket: string;
  health: string;
  ingest: string | undefined;
  brokers: string[];
  /** Human description of the Kafka in use. */
  kafka: string;
  /** NEWSWIRE_TOPIC_PREFIX: the printed Kafka commands carry it when it is not the default. */
  topicPrefix: string;
  demo: string;
}

/** What the printed commands use with no flag: a flag is printed only when the system runs elsewhere. */
const DEFAULT_BROKERS = KAFKA_DEFAULT_BROKERS.join(',');
const DEFAULT_GATEWAY = new URL(configDefaults('tail').NEWSWIRE_GATEWAY).href;
const DEFAULT_PREFIX = configDefaults('kafka').NEWSWIRE_TOPIC_PREFIX;

export function bannerText(e: Endpoints, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const cyan = (s: string) => (color ? `\x1b[36m${s}\x1b[0m` : s);
  const brokers = e.brokers.join(',');
  const brokersFlag = brokers === DEFAULT_BROKERS ? '' : ` --brokers ${brokers}`;
  const gatewayFlag = e.websocket === DEFAULT_GATEWAY ? '' : ` --gateway ${e.websocket}`;
  // The topics are found by the variable, as start found them: the Kafka commands get it too.
  const withPrefix = e.topicPrefix === DEFAULT_PREFIX ? '' : `NEWSWIRE_TOPIC_PREFIX=${e.topicPrefix} `;
  const lines = [
    '',
    bold('newswire is running'),
    `  dashboard   ${cyan(e.dashboard)}`,
    `  websocket   ${e.websocket}   (health ${e.health})`,
    ...(e.ingest ? [`  ingest      POST ${e.ingest}`] : []),
    `  kafka       ${e.kafka}`,
    `  demo wire   ${e.demo}`,
    '',
    bold('Try next, in another terminal:'),
    `  publish   ${withPrefix}npx newswire publish arrests --story kz-unrest-2022 --action arrested --count "more-than 4400" \\`,
    `                --count.scope toll --country KZ --extent whole --source "Interior Ministry" --source-role ministry \\`,
    `                --via "state television" --via-role state-media${brokersFlag}`,
    `  tail      npx newswire tail --from earliest${gatewayFlag}`,
    `  replay    ${withPrefix}npx newswire replay ${e.topicPrefix}.arrests ${e.topicPrefix}.casualties --from earliest${brokersFlag}`,
    `  topics    ${withPrefix}npx newswire topics${brokersFlag}`,
    ...(e.ingest
      ? [`  http      curl -X POST ${e.ingest} -H 'content-type: application/x-ndjson' --data-binary @updates.ndjson`, '            (one update per line; the schema: docs/updates.md, the endpoint: docs/producers.md)']
      : []),
    '',
    'Ctrl-C stops everything (press it twice to force).',
    '',
  ];
  return lines.join('\n');
}

export function printBanner(e: Endpoints, out: NodeJS.WriteStream): void {
  out.write(bannerText(e, Boolean(out.isTTY)) + '\n');
}
