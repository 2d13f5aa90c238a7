"""A whole kafka-python cycle against one Kafka bootstrap address, with no
api_version pinned (kafka-python probes the broker, Metadata v0 included).

usage: kafka_python_cycle.py <host:port> <topic> <group>

Prints one JSON object per step on stdout; exits non-zero (with the
traceback on stderr) when a step fails. The test that spawns it checks the
results against what the broker stored.
"""
import json
import sys
import threading
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic

bootstrap, topic, group = sys.argv[1], sys.argv[2], sys.argv[3]
PARTITIONS = 2
PER_PARTITION = 5


def emit(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


# Admin: create (explicit partitions and replication factor) and list topics.
admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="kafka-python-admin")
emit("api_version", version=list(admin.config["api_version"]))
admin.create_topics([NewTopic(name=topic, num_partitions=PARTITIONS, replication_factor=1)])
emit("created", topics=sorted(t for t in admin.list_topics() if t == topic))

# Produce: gzip batches with headers, keys and explicit timestamps, to both partitions.
producer = KafkaProducer(bootstrap_servers=bootstrap, compression_type="gzip", acks="all", linger_ms=20)
base_ts = int(time.time() * 1000) - 60_000
futures = []
for p in range(PARTITIONS):
    for i in range(PER_PARTITION):
        futures.append(
            producer.send(
                topic,
                partition=p,
                key=f"k{p}-{i}".encode(),
                value=f"v{p}-{i}".encode(),
                headers=[("source", b"kafka-python"), ("seq", str(i).encode())],
                timestamp_ms=base_ts + i * 1000,
            )
        )
producer.flush()
metas = [f.get(timeout=30) for f in futures]
emit("produced", offsets=[[m.partition, m.offset] for m in metas])
producer.close()

# A consumer group of two members, each in its own thread: they split the
# partitions, read their share from the beginning and commit it. A member is
# done once it owns one partition, has read all of it and committed; both keep
# polling (taking part in rebalances) until both are done.
lock = threading.Lock()
done = {}
finished = threading.Event()
seen = {}


def member(name):
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        client_id=name,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=10_000,
        heartbeat_interval_ms=500,
    )
    got = seen.setdefault(name, [])
    deadline = time.time() + 60
    while time.time() < deadline and not finished.is_set():
        for records in consumer.poll(timeout_ms=200).values():
            for r in records:
                got.append({
                    "partition": r.partition,
                    "offset": r.offset,
                    "key": r.key.decode(),
                    "value": r.value.decode(),
                    "headers": [[k, v.decode()] for k, v in r.headers],
                    "timestamp": r.timestamp,
                })
        assigned = list(consumer.assignment())
        ok = len(assigned) == 1 and consumer.position(assigned[0]) >= PER_PARTITION
        # Under the lock, and only while not finished: once both are done the
        # first to leave rebalances the other, whose last poll must not undo it.
        with lock:
            if finished.is_set():
                break
            if ok and name not in done:
                try:
                    consumer.commit()
                    done[name] = {"assigned": [assigned[0].partition], "committed": {assigned[0].partition: consumer.committed(assigned[0])}}
                except Exception as err:  # a rebalance under way: try again after the next poll
                    emit("commit_retry", name=name, error=type(err).__name__)
            elif not ok:
                done.pop(name, None)
            if len(done) == 2:
                finished.set()
    consumer.close()


threads = [threading.Thread(target=member, args=(n,)) for n in ("member-a", "member-b")]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=90)
for name in ("member-a", "member-b"):
    emit("member", name=name, records=seen.get(name, []), **done.get(name, {"assigned": [], "committed": {}}))

# Offsets for times: the first offset at or after a timestamp, per partition.
reader = KafkaConsumer(bootstrap_servers=bootstrap, client_id="kafka-python-times")
tps = [TopicPartition(topic, p) for p in range(PARTITIONS)]
found = reader.offsets_for_times({tp: base_ts + 2500 for tp in tps})
emit("offsets_for_times", offsets={tp.partition: [o.offset, o.timestamp] if o else None for tp, o in found.items()})
emit("end_offsets", offsets={tp.partition: o for tp, o in reader.end_offsets(tps).items()})
reader.close()
admin.close()
emit("done")
