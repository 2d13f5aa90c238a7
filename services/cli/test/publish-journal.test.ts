/**
 * Re-running `publish --file` after a crash: with --journal, the re-run
 * skips what Kafka acknowledged and what it stored without acknowledging,
 * and publishes the rest: every line of the file ends up in Kafka exactly
 * once. The crash is real: the dev broker is stopped mid-publish (the CLI
 * fails), or the CLI itself is killed with SIGKILL (its journal lags).
 *
 * Without --journal a re-run stored ids twice past the SDK's dedupe window
 * (issue 13); `--journal` did not exist before this test was written.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NEWSWIRE_TOPICS } from '@newswire/schema';
import { devBroker, makeUpdates, readAll, runCli, toNdjson } from '@newswire/test-support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newswire-journal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** How many times each id of `ids` is stored in the newswire topics. */
async function storedCounts(brokers: string[], ids: readonly string[]): Promise<{ duplicated: string[]; missing: string[]; total: number }> {
  const records = await readAll(brokers, NEWSWIRE_TOPICS);
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.update.id, (counts.get(r.update.id) ?? 0) + 1);
  return {
    duplicated: ids.filter((id) => (counts.get(id) ?? 0) > 1),
    missing: ids.filter((id) => !counts.has(id)),
    total: records.length,
  };
}

/** Resolves once the journal holds at least one acknowledged batch. */
async function firstAck(journal: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const text = await readFile(journal, 'utf8').catch(() => '');
      if (!text.includes('"acked"')) throw new Error('no acknowledged batch yet');
    },
    { timeout: 60_000, interval: 20 },
  );
}

/**
 * Lines per file: enough that the publish is still running when the first
 * acknowledged batch lets the test stop the broker or kill the CLI (a publish
 * of this many takes seconds; the crash comes within ~20 ms of that first ack),
 * and `report.published < LINES` below checks it was mid-publish.
 */
const LINES = 20_000;

describe('publish --file --journal after a crash', { timeout: 240_000 }, () => {
  it('broker stopped mid-publish: the failure names exactly what was stored; the re-run stores the rest, nothing twice', async () => {
    const broker = await devBroker();
    try {
      const env = { KAFKA_BROKERS: broker.brokers[0]!, LOG_LEVEL: 'silent' };
      const updates = makeUpdates(LINES, { stories: 24 });
      const file = join(dir, 'stop.ndjson');
      const journal = join(dir, 'stop.journal');
      await writeFile(file, toNdjson(updates));

      const first = runCli(['publish', '--file', file, '--journal', journal, '--json'], { env, timeoutMs: 180_000 });
      await firstAck(journal);
      await broker.stop();
      const exit = await first;
      expect(exit.code, first.stderr()).toBe(1);
      expect(first.stderr()).toContain('acknowledged by Kafka in this run');
      expect(first.stderr()).toMatch(/first line not known to be stored: \d+/);
      const report = JSON.parse(first.stdout().trim().split('\n').at(-1)!) as {
        published: number;
        acknowledged: { lines: [number, number][]; positions: Record<string, [string, string][]> };
        firstUnacknowledgedLine: number;
      };
      expect(report.published).toBeGreaterThan(0);
      expect(report.published).toBeLessThan(updates.length);
      // Offsets are decimal strings on every interface.
      expect(Object.values(report.acknowledged.positions).flat(2).every((o) => typeof o === 'string' && /^(0|[1-9][0-9]*)$/.test(o))).toBe(true);

      await broker.start();
      // What the failed run reported as acknowledged is stored, at the offsets it named.
      const records = await readAll(broker.brokers, NEWSWIRE_TOPICS);
      const byId = new Map(records.map((r) => [r.update.id, `${r.topic}:${r.partition}`] as const));
      const offsetsOf = new Map(records.map((r) => [r.update.id, Number(r.offset)] as const));
      let acknowledged = 0;
      for (const [a, b] of report.acknowledged.lines) {
        for (let line = a; line <= b; line++) {
          const id = updates[line - 1]!.id;
          const key = byId.get(id);
          expect(key, `line ${line} reported acknowledged but not stored`).toBeDefined();
          expect(report.acknowledged.positions[key!]!.some(([x, y]) => Number(x) <= offsetsOf.get(id)! && offsetsOf.get(id)! <= Number(y))).toBe(true);
          acknowledged++;
        }
      }
      expect(acknowledged).toBe(report.published);
      expect(report.firstUnacknowledgedLine).toBeGreaterThan(0);

      const again = await runCli(['publish', '--file', file, '--journal', journal], { env, timeoutMs: 180_000 });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/journal .*: resuming; \d+ line\(s\) acknowledged earlier/);

      const after = await storedCounts(broker.brokers, updates.map((u) => u.id));
      expect(after.duplicated).toEqual([]);
      expect(after.missing).toEqual([]);
      expect(after.total).toBe(updates.length);

      // A third run has nothing to do.
      const third = await runCli(['publish', '--file', file, '--journal', journal], { env });
      expect(third.code, third.stderr).toBe(0);
      expect(third.stderr).toMatch(new RegExp(`published 0 update\\(s\\).*${LINES.toLocaleString('en-US')} skipped`));
      expect((await storedCounts(broker.brokers, [])).total).toBe(updates.length);
    } finally {
      await broker.dispose();
    }
  });

  it('CLI killed mid-publish (SIGKILL, journal behind Kafka): the re-run finds what was stored and stores the rest once', async () => {
    const broker = await devBroker();
    try {
      const env = { KAFKA_BROKERS: broker.brokers[0]!, LOG_LEVEL: 'silent' };
      const updates = makeUpdates(LINES, { stories: 24 });
      const file = join(dir, 'kill.ndjson');
      const journal = join(dir, 'kill.journal');
      await writeFile(file, toNdjson(updates));

      const first = runCli(['publish', '--file', file, '--journal', journal], { env, timeoutMs: 180_000 });
      await firstAck(journal);
      first.kill('SIGKILL');
      await first;

      const again = await runCli(['publish', '--file', file, '--journal', journal], { env, timeoutMs: 180_000 });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/resuming; \d+ line\(s\) acknowledged earlier, \d+ more found stored/);
      const after = await storedCounts(broker.brokers, updates.map((u) => u.id));
      expect(after.duplicated).toEqual([]);
      expect(after.missing).toEqual([]);
      expect(after.total).toBe(updates.length);
    } finally {
      await broker.dispose();
    }
  });

  it('refuses a journal written for another input, and a journal in use', async () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    const journal = join(dir, 'ab.journal');
    await writeFile(a, toNdjson(makeUpdates(3)));
    await writeFile(b, toNdjson(makeUpdates(3)));
    await writeFile(
      journal,
      JSON.stringify({ newswireJournal: 1, input: a, sha256: 'f'.repeat(64), lines: 3, valid: 3, created: new Date().toISOString() }) + '\n',
    );
    // No Kafka needed: the journal is checked before connecting.
    const r = await runCli(['publish', '--file', b, '--journal', journal], { env: { KAFKA_BROKERS: '127.0.0.1:1' } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`journal ${journal} belongs to another input`);

    await writeFile(`${journal}.lock`, String(process.pid)); // this test process: alive
    const locked = await runCli(['publish', '--file', b, '--journal', journal], { env: { KAFKA_BROKERS: '127.0.0.1:1' } });
    expect(locked.code, locked.stderr).toBe(2);
    expect(locked.stderr).toContain(`is in use by process ${process.pid}`);
    await rm(`${journal}.lock`);
  });
});
