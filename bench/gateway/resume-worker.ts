/**
 * Measures a resume with the real client SDK, in a process of its own:
 * `follow` subscribes live and remembers its positions, `disconnect` drops the
 * connection (positions kept), then — after the orchestrator published a gap —
 * `resume` reconnects from those positions and times until the whole gap has
 * been delivered and the subscription is live again.
 */
import { connect, type CursorPosition, type NewswireClient } from '@newswire/client/node';
import { serve } from './rpc.ts';

let client: NewswireClient | null = null;
let positions: CursorPosition[] = [];
let epoch: string | undefined;

serve({
  async follow(args) {
    client = connect({ url: String(args.url), reconnect: false });
    const sub = client.subscribe({ from: 'live' });
    sub.on('update', () => {});
    await client.ready();
    positions = sub.positions();
    epoch = sub.cursor.epoch;
    return { partitions: positions.length, epoch };
  },
  async disconnect() {
    const sub = [...(client?.subscriptions ?? [])][0];
    if (sub) {
      positions = sub.positions();
      epoch = sub.cursor.epoch;
    }
    await client?.close();
    client = null;
    return { partitions: positions.length };
  },
  async resume(args) {
    const expect = Number(args.expect);
    const start = performance.now();
    const c = connect({ url: String(args.url), reconnect: false });
    const sub = c.subscribe({ from: { positions, ...(epoch ? { epoch } : {}) } });
    const ids = new Set<string>();
    let received = 0;
    let firstAt = 0;
    let liveAt = 0;
    let recovered = false;
    let gaps = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`resume timed out: ${received}/${expect} received`)), 120_000);
      const check = () => {
        if (received >= expect && liveAt > 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      sub.on('update', (d) => {
        if (firstAt === 0) firstAt = performance.now();
        received += 1;
        ids.add(d.update.id);
        check();
      });
      sub.on('gap', () => (gaps += 1));
      sub.on('live', (n) => {
        liveAt = performance.now();
        recovered = n.recovered;
        check();
      });
    });
    const doneAt = performance.now();
    await c.close();
    return {
      totalMs: doneAt - start,
      firstUpdateMs: firstAt - start,
      liveMs: liveAt - start,
      received,
      unique: ids.size,
      recovered,
      gaps,
    };
  },
});
