// usage: clients.ts <url> <n> <expected-per-client>
import { WebSocket } from 'ws';
const [url, nStr, expStr] = process.argv.slice(2);
const n = Number(nStr), expected = Number(expStr);
let done = 0, total = 0, first = 0, last = 0;
const lat: number[] = [];
let opened = 0;
for (let i = 0; i < n; i++) {
  const ws = new WebSocket(url!, { perMessageDeflate: false });
  let count = 0;
  ws.on('open', () => { ws.send(JSON.stringify({ op: 'subscribe', id: 's' })); });
  ws.on('message', (d) => {
    const s = d.toString();
    if (s.startsWith('{"op":"subscribed"')) { if (++opened === n) process.stdout.write('READY\n'); return; }
    if (!s.startsWith('{"op":"update"')) return;
    const now = Date.now();
    if (!first) first = now;
    last = now;
    total++;
    if (i === 0) { const ts = Number(/"ts":(\d+)/.exec(s)![1]); lat.push(now - ts); }
    if (++count === expected) { if (++done === n) { lat.sort((a,b)=>a-b); process.stdout.write(JSON.stringify({ total, ms: last - first, perSec: Math.round(total / ((last - first) / 1000)), p50: lat[Math.floor(lat.length*0.5)], p99: lat[Math.floor(lat.length*0.99)] }) + '\n'); process.exit(0); } }
  });
}
