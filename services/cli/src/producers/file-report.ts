/** What `publish --file` prints at the end: a summary, or exactly what was stored when it did not finish. */
import { formatRanges } from './ranges.ts';
import type { FilePublishSummary } from './file-publish.ts';

const n = (x: number) => x.toLocaleString('en-US');

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(', ');
}

function positionsText(positions: Record<string, [string, string][]>): string[] {
  return Object.entries(positions).map(([key, ranges]) => {
    const at = key.lastIndexOf(':');
    return `  ${key.slice(0, at)}[${key.slice(at + 1)}] offsets ${formatRanges(ranges)}`;
  });
}

/** Exactly what this run stored, the first line that is not, and what may be stored without a word from Kafka. */
function progressLines(s: FilePublishSummary): string[] {
  const out: string[] = [];
  const acked = s.acknowledged;
  if (acked && acked.lines.length) {
    out.push(`acknowledged by Kafka in this run: ${n(s.published)} update(s), input lines ${formatRanges(acked.lines)}`);
    out.push(...positionsText(acked.positions));
  } else {
    out.push('acknowledged by Kafka in this run: none');
  }
  if (s.skipped) out.push(`skipped (already stored by an earlier run): ${n(s.skipped)} line(s)`);
  if (s.firstUnacknowledgedLine !== undefined) out.push(`first line not known to be stored: ${s.firstUnacknowledgedLine}`);
  if (s.inFlight) out.push(`in flight when it stopped: ${n(s.inFlight)} update(s) sent without an acknowledgement; Kafka may have stored them`);
  out.push(
    s.journal
      ? `re-run the same command: the journal ${s.journal} skips what Kafka acknowledged, and what it stored unacknowledged is found in the log and skipped too`
      : 're-running the file publishes every line again (consumers drop repeated ids only within their dedupe window); use --journal <path> to make a re-run skip what is stored',
  );
  return out;
}

export function describeSummary(s: FilePublishSummary): string {
  if (s.dryRun) {
    return (
      `dry run: ${n(s.valid)} valid update(s) in ${n(s.lines)} line(s)${s.valid ? ` (${counts(s.kinds)})` : ''}; ` +
      `${n(s.invalid)} invalid line(s)${s.invalid ? ' (errors above)' : ''}; nothing sent`
    );
  }
  if (s.interrupted) return ['interrupted.', ...progressLines(s)].join('\n');
  const rate = s.seconds > 0 ? n(Math.round(s.published / s.seconds)) : '-';
  return (
    `published ${n(s.published)} update(s) in ${s.seconds.toFixed(2)} s (${rate}/s)` +
    (s.published ? ` to ${counts(s.topics)}` : '') +
    (s.skipped ? `; ${n(s.skipped)} skipped, already stored (journal ${s.journal})` : '') +
    (s.invalid ? `; ${n(s.invalid)} invalid line(s) skipped, rejects in ${s.rejects}` : '')
  );
}

export function describeFailure(s: FilePublishSummary, err: unknown): string {
  const why = err instanceof Error ? err.message : String(err);
  return [`newswire: publish failed: ${why}`, ...progressLines(s)].join('\n');
}
