/**
 * Plain words for v2 fields and times, checked against sentences written by
 * hand from the facts (not computed by the code under test).
 */
import { describe, expect, it } from 'vitest';
import { assertUpdate, type Update } from '@newswire/schema/v2';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import { formatLocal, formatInstantWords, formatPeriod, rowTimes } from '../src/client/when.ts';
import { actorWords, describeGovernmentChange, summarize } from '../src/client/words.ts';

const seed = (slug: string): Update => {
  const u = KAZAKHSTAN_SEED_V2.find((x) => x.id === `kz-unrest-2022:${slug}`);
  if (!u) throw new Error(`no seed update ${slug}`);
  return u;
};

const base = {
  schema: 2,
  story: 'xy-test',
  reported: { date: '2023-03-10', zone: 'Asia/Colombo' },
  place: { country: 'LK', city: 'Colombo' },
  sources: [{ name: 'Health Ministry', role: 'ministry' }],
  verification: 'reported',
  urgency: 'urgent',
} as const;

describe('times keep the precision the source gave', () => {
  it('a date-only time shows a date and never a time of day', () => {
    expect(formatLocal({ date: '2022-01-08', zone: 'Asia/Almaty' })).toBe('Sat 8 Jan 2022');
    expect(formatInstantWords({ date: '2022-01-08', zone: 'Asia/Almaty' })).toBe('Sat 8 Jan 2022');
    expect(formatLocal({ date: '2019' })).toBe('2019');
    expect(formatLocal({ date: '2022-01' })).toBe('Jan 2022');
    expect(formatLocal({ date: '2022-01-07', partOfDay: 'night', zone: 'Asia/Almaty' })).toBe('Fri 7 Jan 2022, night');
  });

  it('a time of day is shown in the place’s zone and in UTC', () => {
    // 05:00 in Colombo (UTC+05:30) is 23:30 UTC the day before.
    expect(formatInstantWords({ date: '2022-04-01', time: '05:00', zone: 'Asia/Colombo' })).toBe('Fri 1 Apr 2022, 05:00 Colombo time (23:30 UTC on 31 Mar)');
    // A v1 time carried only its offset.
    expect(formatInstantWords({ date: '2022-01-08', time: '10:00', offset: '+06:00' })).toBe('Sat 8 Jan 2022, 10:00 UTC+06:00 (04:00 UTC)');
  });

  it('periods say what was said', () => {
    expect(formatPeriod({ from: { date: '2022-04-02', time: '18:00', zone: 'Asia/Colombo' }, duration: { amount: { value: 36, qualifier: 'exact' }, unit: 'hours' } })).toBe(
      '36 hours from Sat 2 Apr 2022, 18:00 Colombo time',
    );
    expect(formatPeriod({ untilFurtherNotice: true })).toBe('until further notice');
    expect(formatPeriod({ duration: { unit: 'days' } })).toBe('for days');
    expect(formatPeriod({ to: { date: '2022-05-12', time: '07:00', zone: 'Asia/Colombo' } })).toBe('until Thu 12 May 2022, 07:00 Colombo time');
  });

  it('a row shows when it happened and when it was reported; without an event time it says so', () => {
    const shoot = rowTimes(seed('shoot-without-warning'));
    expect(shoot.event).toBe('Fri 7 Jan 2022');
    expect(shoot.reported).toBe('Sat 8 Jan 2022');
    const arrests = rowTimes(seed('arrests-4400'));
    expect(arrests.event).toBe('Time of the event not given');
    expect(arrests.eventGiven).toBe(false);
  });
});

describe('structured fields in plain words', () => {
  it('figures keep qualifiers, scope and as-of time', () => {
    expect(summarize(seed('arrests-4400'))).toBe('more than 4,400 arrested (toll as of 8 Jan 2022)');
    expect(summarize(seed('killed-more-than-40'))).toBe('more than 40 killed (toll as of some time up to 8 Jan 2022), including security forces, number not given');
  });

  it('vague words and ranges are never turned into numbers', () => {
    const dozens = assertUpdate({
      ...base,
      id: 'xy-test:dozens',
      kind: 'casualties',
      headline: 'Dozens injured in clashes',
      payload: { status: 'figures', injured: { total: { vague: 'dozens', scope: 'incident' } } },
    });
    expect(summarize(dozens)).toBe('dozens injured (in this incident)');
    const range = assertUpdate({
      ...base,
      id: 'xy-test:range',
      kind: 'casualties',
      headline: 'Between 30 and 50 killed',
      payload: { status: 'figures', killed: { total: { min: 30, max: 50, scope: 'toll', asOf: { date: '2023-03-09', zone: 'Asia/Colombo' } } } },
    });
    expect(summarize(range)).toBe('between 30 and 50 killed (toll as of 9 Mar 2023)');
  });

  it('actors, targets, orders and who imposed a shutdown', () => {
    expect(summarize(seed('shoot-without-warning'))).toBe(
      'Shoot order: ordered, by Kassym-Jomart Tokayev, President of Kazakhstan, orders police and army (the military) to shoot at demonstrators, called “terrorists”, “bandits”, without warning, in the words “without warning”',
    );
    expect(summarize(seed('almaty-internet-off'))).toBe('Internet: shut down, shutdown ordered, imposed by the authorities, independent reporting hardly possible');
    expect(actorWords({ type: 'civilians', roles: ['child'], age: 11, sex: 'male' })).toBe('an 11-year-old boy (civilian)');
    expect(summarize(seed('fuel-price-protests'))).toBe('Peaceful and violent protests, against the government, over fuel prices, in many places');
  });

  it('government changes say who did what to whom, and who stayed', () => {
    expect(
      describeGovernmentChange({
        action: 'resigned',
        body: 'Cabinet',
        wholeBody: true,
        except: [{ office: 'President', person: { type: 'government', name: 'Gotabaya Rajapaksa' } }, { office: 'Prime Minister', person: { type: 'government', name: 'Mahinda Rajapaksa' } }],
      }),
    ).toBe('The entire Cabinet resigned, except Gotabaya Rajapaksa (President) and Mahinda Rajapaksa (Prime Minister)');
    expect(summarize(seed('abdymomunov-dismissed'))).toBe(
      'Kassym-Jomart Tokayev dismissed Asamat Abdymomunov as deputy secretary of the Security Council; had been appointed by Nursultan Nazarbayev a few years earlier',
    );
  });
});
