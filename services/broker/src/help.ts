/**
 * `newswire broker --help`; its own module so the CLI can show it without
 * loading the broker. The defaults shown are the config schema's.
 */
import { shownDefault } from '@newswire/config';

/** `(VAR, default X<more>)`, X from the broker section of the schema. */
const d = (name: Parameters<typeof shownDefault<'broker'>>[1], more = '') => `(${name}, default ${shownDefault('broker', name)}${more})`;

export const BROKER_HELP = `
usage: newswire broker [options]

Run the single-node, Kafka-wire-compatible development broker (kafkajs and
librdkafka/kcat clients work against it). Logs are pino JSON on stdout.

options:
  --host <addr>           address to bind and advertise      ${d('BROKER_HOST')}
  --port <n>              port; 0 picks a free one           ${d('BROKER_PORT')}
  --data-dir <dir>        where logs and offsets are stored  ${d('BROKER_DATA_DIR')}
  --partitions <n>        partitions of auto-created topics  ${d('BROKER_PARTITIONS')}
  --retention-ms <ms>     delete segments older than this, -1 = forever ${d('BROKER_RETENTION_MS')}
  --retention-bytes <n>   cap per partition, -1 = none       ${d('BROKER_RETENTION_BYTES')}
  --segment-bytes <n>     roll segments at this size         ${d('BROKER_SEGMENT_BYTES')}
  --flush always|<ms>     fsync before every ack, or every <ms> ${d('BROKER_FLUSH')}
  --max-frame-bytes <n>   largest request accepted           ${d('BROKER_MAX_FRAME_BYTES')}
  --max-connections <n>   open connections at most; a new one evicts an idle one
                          ${d('BROKER_MAX_CONNECTIONS')}
  --repair                start even if the log is damaged outside its tail: move only
                          the damaged bytes aside, losing their offsets: sets BROKER_RECOVERY
                          to truncate-damaged ${d('BROKER_RECOVERY', ', which refuses to start')}
  --message-max-bytes <n> largest record batch accepted      ${d('BROKER_MESSAGE_MAX_BYTES', ", Kafka's")}
  --fetch-max-bytes <n>   most record bytes per Fetch answer  ${d('BROKER_FETCH_MAX_BYTES', ", Kafka's")}
  --group-initial-rebalance-delay-ms <ms>
                          a new consumer group waits this long for more members
                          ${d('BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS', ", Kafka's")}
  --no-auto-create        do not create unknown topics on Metadata/Produce
                          ${d('BROKER_AUTO_CREATE_TOPICS', '; the flag sets false')}
  -h, --help              show this help

example:
  newswire broker --port 9092 --data-dir /tmp/newswire-broker --partitions 6 --flush always
  kcat -b 127.0.0.1:9092 -L

Stop with Ctrl-C (exit 130) or SIGTERM (exit 143). Exit 2 on invalid flags, 1 if it cannot start.
`;
