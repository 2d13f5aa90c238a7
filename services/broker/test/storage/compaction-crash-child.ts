/**
 * Child process of compaction-crash.test.ts: appends keyed records to a
 * compacted topic (flush always) and runs the log cleaner over and over,
 * until the parent kills it with SIGKILL. Each acknowledged append is
 * printed as `a <offset> <key> <seq>` once append() returned (the record is
 * on disk), `c <to>` after each cleaner pass. Argv: <dataDir> <firstSeq>.
 */
import { openLogManager } from '../../src/storage/log-manager.ts';
import { makeBatch } from './kafkajs-batches.ts';

const [dir, firstSeqArg] = process.argv.slice(2);
const manager = openLogManager(dir!, { segmentBytes: 1024, flush: 'always' }, { cleaner: { minCleanableDirtyRatio: 0, intervalMs: 3_600_000 } });
if (!manager.hasTopic('c')) manager.createTopic('c', 1, { cleanupPolicy: { compact: true, delete: false } });
const log = manager.partition('c', 0)!;
const out = (line: string): void => void process.stdout.write(`${line}\n`);

let seq = Number(firstSeqArg);
for (;;) {
  for (let i = 0; i < 12; i++, seq++) {
    // Uneven key rates, 1-3 records per batch: cleaned batches keep some records, lose others.
    const n = 1 + (seq % 3);
    const messages = Array.from({ length: n }, (_, j) => ({ key: `k${(seq * 7 + j * 3) % 9}`, value: `${seq}.${j}:${'v'.repeat(60)}` }));
    const r = log.append(await makeBatch(messages));
    if (!r.ok) throw new Error(`append refused: ${r.message}`);
    messages.forEach((m, j) => out(`a ${r.baseOffset + j} ${m.key} ${seq}.${j}`));
  }
  const reports = await manager.runCleaner();
  out(`c ${reports[0]?.to ?? -1}`);
}
