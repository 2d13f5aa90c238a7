import { describe, expect, it } from 'vitest';
import { ConnectionTracker } from '../src/client/connection.ts';

describe('connection badge', () => {
  it('goes connecting -> live on the first subscribe', () => {
    const t = new ConnectionTracker();
    expect(t.view().status).toBe('connecting');
    t.subscriptionLive({ recovered: true, missed: 0, resumed: false });
    expect(t.view()).toMatchObject({ status: 'live', label: 'Live' });
  });

  it('reports reconnecting, then resumed with the number of missed updates delivered', () => {
    const t = new ConnectionTracker();
    t.subscriptionLive({ recovered: true, missed: 0, resumed: false });
    t.clientState({ state: 'reconnecting', attempt: 2, delayMs: 1500, code: 1012 });
    expect(t.view().status).toBe('reconnecting');
    expect(t.view().detail).toMatch(/code 1012.*1\.5 s.*attempt 2/);
    for (let i = 0; i < 7; i++) t.delivery(true);
    t.delivery(false); // a live update is not a missed one
    t.subscriptionLive({ recovered: true, missed: 0, resumed: true });
    expect(t.view()).toMatchObject({ status: 'resumed', label: 'Live (resumed)' });
    expect(t.view().detail).toBe('Resumed with 7 missed updates delivered; nothing lost.');
  });

  it('reports a gap when positions were no longer retained', () => {
    const t = new ConnectionTracker();
    t.clientState({ state: 'reconnecting' });
    t.gap();
    t.delivery(true);
    t.subscriptionLive({ recovered: false, missed: 3, resumed: true });
    expect(t.view().status).toBe('gap');
    expect(t.view().detail).toMatch(/no longer retained.*Resumed with 1 missed update delivered/);
  });

  it('counts a replay and hands over to live', () => {
    const t = new ConnectionTracker();
    t.subscriptionLive({ recovered: true, missed: 0, resumed: false });
    t.replayStarted('the start', 'kz-unrest-2022');
    expect(t.view().status).toBe('replaying');
    t.delivery(true);
    t.delivery(true);
    t.subscriptionLive({ recovered: true, missed: 0, resumed: false });
    expect(t.view()).toMatchObject({ status: 'live', detail: 'Replayed 2 updates of kz-unrest-2022 from the start; now live.' });
  });
});
