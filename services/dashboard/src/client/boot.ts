/**
 * The page's first script, a few hundred bytes with no imports: it asks the
 * gateway for the story's snapshot on a socket of its own while the main
 * bundle (the SDK and its validation, most of the page's weight) is still
 * loading and evaluating, so the gateway's work and the transfer overlap
 * them. main.ts validates what arrives with the protocol's schema, shows it,
 * and continues live with the SDK from exactly the snapshot's positions.
 * Anything unexpected — no story, a refusal, a closed socket, 10 s without
 * an answer — leaves `failed` set and main.ts asks for the snapshot itself.
 */

/** What boot leaves for main.ts on `window.newswireBoot`. */
export interface BootSnapshot {
  story: string;
  /** The parsed `snapshot` frame, not yet validated. */
  frame?: unknown;
  failed?: string;
  /** Called once when `frame` or `failed` is set. */
  done?: () => void;
}

declare global {
  interface Window {
    newswireBoot?: BootSnapshot;
  }
}

const STORY_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function boot(): void {
  let story = new URLSearchParams(location.search).get('story');
  try {
    story ??= localStorage.getItem('newswire.story');
  } catch {
    // storage disabled: no remembered story
  }
  if (!story || !STORY_ID.test(story)) return;
  const state: BootSnapshot = { story };
  window.newswireBoot = state;
  const finish = (result: { frame: unknown } | { failed: string }) => {
    if (state.frame !== undefined || state.failed !== undefined) return;
    if ('frame' in result) state.frame = result.frame;
    else state.failed = result.failed;
    clearTimeout(timer);
    try {
      ws.close(1000);
    } catch {
      // already closed
    }
    state.done?.();
  };
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`);
  const timer = setTimeout(() => finish({ failed: 'no snapshot within 10 s' }), 10_000);
  ws.onopen = () => {
    ws.send(JSON.stringify({ op: 'hello', v: 1 }));
    ws.send(JSON.stringify({ op: 'subscribe', id: 'boot', snapshot: { story, recent: 100 } }));
  };
  ws.onmessage = (e) => {
    if (typeof e.data !== 'string') return;
    let frame: { op?: unknown; message?: unknown };
    try {
      frame = JSON.parse(e.data) as typeof frame;
    } catch {
      return finish({ failed: 'unreadable frame' });
    }
    if (frame.op === 'error') return finish({ failed: String(frame.message ?? 'refused') });
    if (frame.op === 'snapshot') finish({ frame }); // welcome and subscribed come first
  };
  ws.onerror = () => finish({ failed: 'socket error' });
  ws.onclose = () => finish({ failed: 'socket closed' });
}

boot();
