/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal
 * (pipes and CI logs get the final summary only). Redraws at most every
 * 100 ms so it never costs throughput.
 */
export interface Progress {
  /** Total may be unknown (stdin): then only the count and rate are shown. */
  update(done: number, total?: number): void;
  done(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  function draw(done: number, total?: number): void {
    const secs = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = Math.round(done / secs).toLocaleString('en-US');
    let line: string;
    if (total && total > 0) {
      const width = 30;
      const frac = Math.min(1, done / total);
      const fill = Math.round(frac * width);
      line = `${label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${Math.floor(frac * 100)}% ${rate}/s`;
    } else {
      line = `${label} ${done.toLocaleString('en-US')} ${rate}/s`;
    }
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  }
  let lastDone = 0;
  let lastTotal: number | undefined;
  return {
    update(done, total) {
      lastDone = done;
      lastTotal = total;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(done, total);
    },
    done() {
      if (drawn) {
        draw(lastDone, lastTotal);
        stream.write('\n');
      }
    },
  };
}
