/** `newswire broker --help`; its own module so the CLI can show it without loading the broker. */
export const BROKER_HELP = `
usage: newswire broker [options]

Run the single-node, Kafka-wire-compatible development broker (kafkajs and
librdkafka/kcat clients work against it). Logs are pino JSON on stdout.

options:
  --host <addr>           address to bind and advertise      (BROKER_HOST, default 127.0.0.1)
  --port <n>              port; 0 picks a free one           (BROKER_PORT, default 9092)
  --data-dir <dir>        where logs and offsets are stored  (BROKER_DATA_DIR, default .data/broker)
  --partitions <n>        partitions of auto-created topics  (BROKER_PARTITIONS, default 3)
  --retention-ms <ms>     delete segments older than this, -1 = forever (BROKER_RETENTION_MS, default 7 days)
  --retention-bytes <n>   cap per partition, -1 = none       (BROKER_RETENTION_BYTES, default -1)
  --segment-bytes <n>     roll segments at this size         (BROKER_SEGMENT_BYTES, default 64 MiB)
  --flush always|<ms>     fsync before every ack, or every <ms> (BROKER_FLUSH, default 1000)
  --max-frame-bytes <n>   largest request accepted           (BROKER_MAX_FRAME_BYTES, default 64 MiB)
  --max-connections <n>   open connections at most; a new one evicts an idle one
                          (BROKER_MAX_CONNECTIONS, default 1000)
  --repair                start even if the log is damaged outside its tail: move only
                          the damaged bytes aside, losing their offsets
                          (BROKER_RECOVERY=truncate-damaged; default: refuse to start)
  --message-max-bytes <n> largest record batch accepted      (BROKER_MESSAGE_MAX_BYTES, default 1048588, Kafka's)
  --fetch-max-bytes <n>   most record bytes per Fetch answer  (BROKER_FETCH_MAX_BYTES, default 55 MiB, Kafka's)
  --group-initial-rebalance-delay-ms <ms>
                          a new consumer group waits this long for more members
                          (BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS, default 3000, Kafka's)
  --no-auto-create        do not create unknown topics on Metadata/Produce (BROKER_AUTO_CREATE_TOPICS)
  -h, --help              show this help

example:
  newswire broker --port 9092 --data-dir /tmp/newswire-broker --partitions 6 --flush always
  kcat -b 127.0.0.1:9092 -L

Stop with Ctrl-C (exit 130) or SIGTERM (exit 143). Exit 2 on invalid flags, 1 if it cannot start.
`;
