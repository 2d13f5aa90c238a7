/**
 * `newswire publish --file <path|->`: validate every line, then publish.
 *
 * Pass 1 (file-validate.ts) validates and spools the valid updates. Any
 * invalid line (without --skip-invalid) stops there: exit 2, and Kafka is
 * never touched; --dry-run always stops there, with a summary.
 *
 * Pass 2 streams the spool into the publisher in batches, a few calls in
 * flight. It knows exactly which input lines Kafka acknowledged (and at which
 * offsets): on a failure or an interrupt the report names them and the first
 * line not acknowledged, and what was in flight is counted apart, since Kafka
 * may have stored it without saying so. With a journal (journal.ts) the
 * acknowledged lines are recorded as they come, and a re-run skips them, and
 * skips what the log shows was stored though never acknowledged.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKafka, type Position, type Publisher } from '@newswire/kafka';
import { Teardown, type Logger } from '@newswire/config';
import { newswireTopics } from '@newswire/schema';
import { readSpool, type SpooledUpdate } from './spool.ts';
import { createProgress } from './progress.ts';
import { Journal } from './journal.ts';
import { endOffsets, storedIdsBetween } from './journal-scan.ts';
import { RangeSet, type Range } from './ranges.ts';
import { labelOf, validateFile } from './file-validate.ts';
import { UsageError } from '../command.ts';

export interface FilePublishOptions {
  file: string;
  skipInvalid: boolean;
  rejectsPath?: string;
  maxLineBytes: number;
  /** Validate only; print a summary; send nothing. */
  dryRun?: boolean;
  /** Progress journal: record acknowledged lines, skip what is stored on a re-run. */
  journalPath?: string;
  /** Connects only after validation passed, so invalid input never needs Kafka. */
  connect: () => Promise<Publisher>;
  /** For the journal's reads (end offsets, what a failed run stored). */
  kafka?: { brokers: string[]; clientId: string; logger: Logger; connectTimeoutMs: number; kafkaRetries: number; topicPrefix: string };
  /** Bound on closing the Kafka clients at the end, whatever Kafka's state. */
  closeTimeoutMs?: number;
  /** Updates per publish() call. */
  batchSize?: number;
  signal?: AbortSignal;
}

export interface FilePublishSummary {
  /** Lines read (the last line number). */
  lines: number;
  valid: number;
  invalid: number;
  /** Valid updates per kind. */
  kinds: Record<string, number>;
  /** Acknowledged by Kafka in this run. */
  published: number;
  /** Not sent: already stored by an earlier run (its journal, or found in the log). */
  skipped: number;
  /** Published per topic, in this run. */
  topics: Record<string, number>;
  rejects?: string;
  seconds: number;
  dryRun?: true;
  journal?: string;
  /**
   * Set when the run did not finish (failure or interrupt): what this run stored, exactly.
   * Offsets are decimal strings, as on every interface (Kafka offsets are int64).
   */
  acknowledged?: { lines: Range[]; positions: Record<string, [string, string][]> };
  /** The first valid line not known to be stored (with a journal: by this run or an earlier one). */
  firstUnacknowledgedLine?: number;
  /** Sent but never acknowledged: Kafka may have stored them (a re-run with the journal finds out). */
  inFlight: number;
  interrupted?: true;
}

export interface FilePublishOutcome {
  summary: FilePublishSummary;
  /** Some line is invalid (nothing was sent). */
  invalid: boolean;
  /** Kafka failed; `summary` says exactly what was stored. */
  failure?: unknown;
}

export async function publishFile(opts: FilePublishOptions): Promise<FilePublishOutcome> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'newswire-publish-'));
  try {
    const spoolPath = join(dir, 'valid.spool');
    const checked = await validateFile({ ...opts, spoolPath: opts.dryRun ? undefined : spoolPath });
    const summary: FilePublishSummary = {
      lines: checked.lines,
      valid: checked.valid,
      invalid: checked.invalid,
      kinds: checked.kinds,
      published: 0,
      skipped: 0,
      topics: {},
      seconds: 0,
      inFlight: 0,
      ...(checked.rejects ? { rejects: checked.rejects } : {}),
      ...(opts.dryRun ? { dryRun: true as const } : {}),
      ...(opts.journalPath ? { journal: opts.journalPath } : {}),
    };
    const finish = (outcome: Omit<FilePublishOutcome, 'summary'>): FilePublishOutcome => {
      summary.seconds = (Date.now() - started) / 1000;
      return { summary, ...outcome };
    };
    if (checked.aborted) {
      summary.interrupted = true;
      return finish({ invalid: false });
    }
    const invalid = checked.invalid > 0 && !opts.skipInvalid;
    if (invalid && !opts.dryRun) {
      process.stderr.write(`${labelOf(opts.file)}: ${checked.invalid} invalid line(s); nothing published (use --skip-invalid to publish the valid ones)\n`);
    }
    if (invalid || opts.dryRun || checked.valid === 0) return finish({ invalid: checked.invalid > 0 && !opts.skipInvalid });

    const journal = opts.journalPath
      ? await Journal.open(opts.journalPath, { input: opts.file, sha256: checked.sha256, lines: checked.lines, valid: checked.valid })
      : undefined;
    let done = false;
    try {
      if (journal?.state.done) {
        summary.skipped = checked.valid;
        done = true;
        return finish({ invalid: false });
      }
      const failure = await publishSpool(spoolPath, opts, summary, checked.validLines, journal);
      const stored = new RangeSet([...(journal?.state.stored.ranges() ?? []), ...(summary.acknowledged?.lines ?? [])]);
      const first = checked.validLines.firstNotIn(stored);
      done = first === undefined;
      if (!done) summary.firstUnacknowledgedLine = first;
      else delete summary.acknowledged; // finished: the exact lists only matter when something is left
      if (opts.signal?.aborted && !done) summary.interrupted = true;
      return finish({ invalid: false, ...(failure !== undefined ? { failure } : {}) });
    } finally {
      await journal?.close(done);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Pass 2. Returns the Kafka failure, if any; fills summary.published,
 * skipped, topics, inFlight and acknowledged (the exact lines and offsets).
 */
async function publishSpool(
  spoolPath: string,
  opts: FilePublishOptions,
  summary: FilePublishSummary,
  validLines: RangeSet,
  journal: Journal | undefined,
): Promise<unknown> {
  const teardown = new Teardown({ timeoutMs: opts.closeTimeoutMs ?? 10_000 });
  const ackedLines = new RangeSet();
  const positions = new Map<string, RangeSet>();
  summary.acknowledged = { lines: [], positions: {} };
  let failure: unknown;
  try {
    const publisher = await opts.connect();
    teardown.defer('kafka publisher', () => publisher.close());
    // With a journal: what an earlier run stored without an acknowledgement is in the log since
    // its base; this run's base is where the log ends now, before this run sends anything.
    if (journal) await resumePoint(journal, spoolPath, opts, teardown);

    const progress = createProgress('publishing');
    const toSend = validLines.size - (journal?.state.stored.size ?? 0);
    const batchSize = opts.batchSize ?? 2000;
    const inFlight = new Set<Promise<void>>();
    const submit = (batch: SpooledUpdate[]) => {
      const p = publisher.publishSerialized(batch).then(
        (acked) => {
          const lines = new RangeSet();
          batch.forEach((u, i) => {
            lines.add(u.line);
            ackedLines.add(u.line);
            const pos: Position = acked[i]!;
            const key = `${pos.topic}:${pos.partition}`;
            let set = positions.get(key);
            if (!set) positions.set(key, (set = new RangeSet()));
            set.add(Number(pos.offset));
            summary.topics[pos.topic] = (summary.topics[pos.topic] ?? 0) + 1;
          });
          summary.published += batch.length;
          journal?.record('acked', lines.ranges());
          progress.update(summary.published, toSend);
        },
        (err: unknown) => {
          failure ??= err;
          summary.inFlight += batch.length;
        },
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
    const stopped = () => failure !== undefined || opts.signal?.aborted === true;
    let batch: SpooledUpdate[] = [];
    try {
      for await (const updates of readSpool(createReadStream(spoolPath, { highWaterMark: 1024 * 1024 }))) {
        for (const u of updates) {
          if (journal?.state.stored.has(u.line)) {
            summary.skipped++;
            continue;
          }
          batch.push(u);
          if (batch.length >= batchSize) {
            submit(batch);
            batch = [];
            while (inFlight.size >= 3) await Promise.race(inFlight);
          }
          if (stopped()) break;
        }
        if (stopped()) break;
      }
      if (batch.length && !stopped()) submit(batch);
      await Promise.all(inFlight);
    } finally {
      progress.done();
    }
  } catch (err) {
    failure ??= err;
  } finally {
    await teardown.close();
  }
  summary.acknowledged = {
    lines: ackedLines.ranges(),
    positions: Object.fromEntries([...positions].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.ranges().map(([a, b]): [string, string] => [String(a), String(b)])])),
  };
  return failure;
}

/**
 * Resuming: reads the log from the earlier run's base to its end, marks the
 * input lines whose ids it holds as found (stored, never acknowledged), and
 * only then records this run's base, so a run that dies later still knows.
 */
async function resumePoint(journal: Journal, spoolPath: string, opts: FilePublishOptions, teardown: Teardown): Promise<void> {
  const k = opts.kafka!;
  const kafka = await openKafka({ ...k, retries: k.kafkaRetries, maxRetryTimeMs: 2000 });
  teardown.defer('kafka', () => kafka.close());
  // The journal's input goes to the newswire topics under the configured prefix, and only there.
  const now = await endOffsets(kafka, newswireTopics(k.topicPrefix));
  const earlier = journal.state.base;
  if (journal.resumed) {
    if (!earlier) throw new UsageError(`journal ${journal.path} has no base record (where its run began); delete it to publish the whole input again`);
    const before = journal.state.stored.size;
    const scan = await storedIdsBetween(kafka, earlier, now);
    const found = new RangeSet();
    for await (const updates of readSpool(createReadStream(spoolPath, { highWaterMark: 1024 * 1024 }))) {
      for (const u of updates) {
        const n = scan.ids.get(u.id);
        if (!n || journal.state.stored.has(u.line)) continue;
        scan.ids.set(u.id, n - 1);
        found.add(u.line);
      }
    }
    journal.record('found', found.ranges());
    process.stderr.write(
      `journal ${journal.path}: resuming; ${before} line(s) acknowledged earlier, ${found.size} more found stored ` +
        `(read ${scan.read} record(s) written since the last run began)\n`,
    );
  }
  await journal.begin(now);
}
