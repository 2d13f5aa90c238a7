import WebSocket from 'ws';
import { connect, type WebSocketConstructor } from '@newswire/shared/client';
import { makeUpdates, startSdkEnv } from './support/sdk-env.ts';
const env = await startSdkEnv();
{
  const c0 = connect({ url: env.proxyUrl, WebSocket: WebSocket as unknown as WebSocketConstructor, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } });
  const got = new Set<string>();
  c0.subscribe().on('update', (d) => got.add(d.update.id));
  await c0.ready();
  const ups = makeUpdates(3000, 'drop');
  for (let i = 0; i < ups.length; i += 100) {
    await env.publisher.publishValidated(ups.slice(i, i + 100));
    if (i % 500 === 0) env.proxy.dropAll();
  }
  while (got.size < 3000) await new Promise((r) => setTimeout(r, 50));
  console.log('drop phase ok');
}
class LogWS extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on('message', (d: Buffer) => {
      const s = d.toString();
      if (!s.startsWith('{"op":"update"')) console.log('<<', s.slice(0, 300));
    });
  }
  override send(d: string) {
    console.log('>>', d.slice(0, 200));
    super.send(d);
  }
}
const c = connect({ url: env.url, WebSocket: LogWS as unknown as WebSocketConstructor });
c.on('error', (e) => console.log('client error', JSON.stringify(e)));
const sub = c.subscribe({ bufferSize: 40 });
sub.on('lagged', (l) => console.log('lagged', l.source));
await c.ready();
await env.publisher.publishValidated(makeUpdates(400, 'slow'));
let n = 0;
const t = setInterval(() => console.log('progress', n, sub.state, sub.buffered), 1000);
for await (const d of sub) {
  n++;
  if (n % 20 === 0) await new Promise((r) => setTimeout(r, 20));
  if (n === 400) break;
}
clearInterval(t);
console.log('done', n);
await c.close();
await env.stop();
