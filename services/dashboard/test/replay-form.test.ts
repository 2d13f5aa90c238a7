/**
 * The replay form's reading on its own; the browser test (tests/browser/
 * dashboard.test.ts) drives the same form in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { readReplayForm, type ReplayInputs } from '../src/client/replay-form.ts';

function form(values: { mode: string; date?: string; time?: string; published?: string }): ReplayInputs & { focused: string[] } {
  const focused: string[] = [];
  const field = (name: string, value = '') => ({ value, focus: () => focused.push(name) });
  return { mode: field('mode', values.mode), date: field('date', values.date), time: field('time', values.time), published: field('published', values.published), focused };
}

describe('readReplayForm', () => {
  it('story time: a day, and a time if given, in the place’s zone; the story is read from earliest', () => {
    const day = readReplayForm(form({ mode: 'story', date: '2022-01-05' }), 'Asia/Almaty');
    expect(day).toEqual({ ok: true, label: 'story time 2022-01-05 (Asia/Almaty)', from: 'earliest', fromEvent: Date.parse('2022-01-04T18:00:00Z') });
    const hour = readReplayForm(form({ mode: 'story', date: '2022-01-05', time: '14:30' }), 'Asia/Almaty');
    expect(hour).toMatchObject({ ok: true, label: 'story time 2022-01-05 14:30 (Asia/Almaty)', fromEvent: Date.parse('2022-01-05T08:30:00Z') });
  });

  it('publication time: Kafka time since the instant given, as an ISO time', () => {
    const r = readReplayForm(form({ mode: 'kafka', published: '2026-11-29T09:00:00Z' }), 'UTC');
    expect(r).toEqual({ ok: true, label: `publication time since ${new Date('2026-11-29T09:00:00Z').toLocaleString()}`, from: { time: '2026-11-29T09:00:00.000Z' } });
  });

  it('refuses a form that says too little, naming what to choose and focusing it: nothing is guessed', () => {
    const noDate = form({ mode: 'story', time: '10:00' });
    const r1 = readReplayForm(noDate, 'UTC');
    expect(r1).toMatchObject({ ok: false, message: 'Choose a date to replay from.' });
    if (!r1.ok) r1.focus.focus();
    expect(noDate.focused).toEqual(['date']);
    const badTime = form({ mode: 'kafka', published: 'yesterday-ish' });
    const r2 = readReplayForm(badTime, 'UTC');
    expect(r2).toMatchObject({ ok: false, message: 'Choose a date and time to replay from.' });
    if (!r2.ok) r2.focus.focus();
    expect(badTime.focused).toEqual(['published']);
  });
});
