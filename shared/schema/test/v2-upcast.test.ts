/**
 * Old updates stay readable: a log of real v1 records, written by the v1
 * publisher to Kafka and dumped with kcat (fixtures/v1-log.ndjson, made by
 * fixtures/make-v1-log.ts), read through the v2 Kafka binding. Every record
 * must come out as a valid v2 update that says what the v1 update said —
 * checked fact by fact, not only "it validates".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromKafkaMessage as fromKafkaMessageV1, parseUpdate as parseV1, topicForKind as v1TopicForKind, type Update as V1Update } from '../src/index.ts';
import {
  deriveStates,
  fromKafkaMessage,
  parseAnyUpdate,
  parseUpdate,
  topicForKind,
  upcastV1,
  type Update,
  type UpdateOf,
} from '../src/v2/index.ts';

interface LogRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string;
  headers: Record<string, string>;
  value: string;
}

const LOG: LogRecord[] = readFileSync(join(import.meta.dirname, 'fixtures', 'v1-log.ndjson'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as LogRecord);

/** Every record read as v2, by id. */
const read = new Map<string, { record: LogRecord; update: Update; v1: V1Update }>();
for (const record of LOG) {
  const r = fromKafkaMessage(Buffer.from(record.value), record.headers);
  if (!r.ok) throw new Error(`${record.topic}:${record.partition}:${record.offset} did not read: ${JSON.stringify(r.errors)}`);
  read.set(r.update.id, { record, update: r.update, v1: JSON.parse(record.value) as V1Update });
}
function get<K extends Update['kind']>(id: string, kind: K): UpdateOf<K> {
  const r = read.get(id);
  if (!r) throw new Error(`no record ${id} in the fixture log`);
  expect(r.update.kind).toBe(kind);
  return r.update as UpdateOf<K>;
}
const kz = (slug: string) => `kz-unrest-2022:${slug}`;
const fx = (slug: string) => `fixture-v1-extras:${slug}`;

describe('the v1 fixture log', () => {
  it('is real v1 data: every record is a valid v1 update with v1 CloudEvents headers, keyed by story, on its v1 topic', () => {
    expect(LOG.length).toBe(69);
    for (const r of LOG) {
      expect(fromKafkaMessageV1(r.value, r.headers).ok, `${r.topic}:${r.offset}`).toBe(true);
      const v1 = JSON.parse(r.value) as V1Update;
      expect(r.headers.ce_type).toBe(`org.newswire.${v1.kind}.v1`);
      expect(r.headers.ce_dataschema).toBeUndefined();
      expect(r.key).toBe(v1.story);
      expect(r.topic).toBe(v1TopicForKind(v1.kind));
    }
  });
});

describe('v1 records read as v2', () => {
  it('every record reads through the v2 binding (with its headers), validates as v2, keeps id, story, kind and topic', () => {
    expect(read.size).toBe(LOG.length);
    for (const { record, update, v1 } of read.values()) {
      expect(parseUpdate(update), update.id).toMatchObject({ ok: true });
      expect(fromKafkaMessage(record.value)).toMatchObject({ ok: true, from: 1 });
      expect([update.schema, update.id, update.story, update.kind, update.headline]).toEqual([2, v1.id, v1.story, v1.kind, v1.headline]);
      expect(topicForKind(update.kind)).toBe(record.topic);
      expect([update.verification, update.urgency, update.revises, update.retracts]).toEqual([v1.verification, v1.urgency, v1.revises, v1.retracts]);
    }
  });

  it('upcasting is pure: the same v1 update gives the same v2 update, and the input is untouched', () => {
    for (const { record } of read.values()) {
      const v1 = parseV1(JSON.parse(record.value));
      if (!v1.ok) throw new Error('v1 expected');
      const before = structuredClone(v1.update);
      expect(upcastV1(v1.update)).toEqual(upcastV1(v1.update));
      expect(v1.update).toEqual(before);
    }
  });

  it('any valid v1 variation of a logged update upcasts to a valid v2 update (property)', () => {
    // Variations: a leaf replaced by any string or number seen anywhere in the log (so enum values,
    // roles, qualifiers and ids move between updates), or an object key removed; kept if still valid v1.
    const v1s = [...read.values()].map((r) => r.v1);
    const leaves = (v: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] =>
      v !== null && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, Array.isArray(v) ? Number(k) : k]))
        : [{ path, value: v }];
    const pool = [...new Set(v1s.flatMap((u) => leaves(u).map((l) => l.value)).filter((x) => typeof x === 'string' || typeof x === 'number'))];
    const variation = fc.constantFrom(...v1s).chain((u) =>
      fc.oneof(
        fc.tuple(fc.constantFrom(...leaves(u).map((l) => l.path)), fc.constantFrom(...pool)).map(([path, value]) => {
          const copy = structuredClone(u) as unknown as Record<string | number, unknown>;
          let cur = copy;
          for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
          cur[path[path.length - 1]!] = value;
          return copy;
        }),
        fc.constantFrom(...leaves(u).map((l) => l.path).filter((p) => p.length > 1 && typeof p[p.length - 1] === 'string')).map((path) => {
          const copy = structuredClone(u) as unknown as Record<string | number, unknown>;
          let cur = copy;
          for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
          delete cur[path[path.length - 1]!];
          return copy;
        }),
      ),
    );
    let valid = 0;
    fc.assert(
      fc.property(variation, (candidate) => {
        const v1 = parseV1(candidate);
        if (!v1.ok) return;
        valid++;
        const v2 = upcastV1(v1.update);
        expect(parseUpdate(v2), JSON.stringify(candidate)).toMatchObject({ ok: true });
      }),
      { numRuns: 3000 },
    );
    // The property must have tested something: most variations stay valid v1.
    expect(valid).toBeGreaterThan(500);
  });

  it('"more than 4,400" arrested (tally running-total) is qualifier more-than 4400, a toll as of the report, nationwide', () => {
    const u = get(kz('arrests-4400'), 'arrests');
    expect(u.payload.count).toEqual({ value: 4400, qualifier: 'more-than', scope: 'toll', asOf: { date: '2022-01-08', time: '10:00', offset: '+06:00' } });
    expect(u.place).toEqual({ country: 'KZ', extent: 'whole' });
    expect(u.sources).toEqual([{ name: 'Interior Ministry', role: 'government', via: [{ name: 'state television', role: 'state-media' }] }]);
  });

  it('an arrest count with tally "new" is an incident figure; without tally it is read as the v1 dashboard read it, a toll', () => {
    const fresh = get(fx('arrests-new'), 'arrests');
    expect(fresh.payload.count).toEqual({ value: 120, qualifier: 'exact', scope: 'incident' });
    expect(fresh.payload.by).toEqual([{ type: 'state-forces', branch: 'police', title: 'police' }]);
    expect(fresh.place).toEqual({ country: 'XY', admin1: 'North Province' });
    expect(get(fx('arrests-untallied'), 'arrests').payload.count).toMatchObject({ value: 300, qualifier: 'at-least', scope: 'toll' });
  });

  it('times keep what v1 said: minutes (":00" was v1 padding), real seconds and fractions, the offset — no zone is guessed', () => {
    expect(get(kz('arrests-4400'), 'arrests').reported).toEqual({ date: '2022-01-08', time: '10:00', offset: '+06:00' });
    expect(get(fx('arrests-new'), 'arrests').occurred).toEqual({ date: '2023-03-02', time: '21:15:30', offset: '+03:00' });
    expect(get(fx('arrests-untallied'), 'arrests').reported).toEqual({ date: '2023-03-03', time: '09:00:00.250', offset: 'Z' });
    expect(get(fx('meeting'), 'diplomacy').occurred).toEqual({ date: '2023-03-05', time: '10:00', offset: '+01:00' });
    for (const { update } of read.values()) expect(update.reported.zone).toBeUndefined();
  });

  it('"more than 40 killed, including security forces": a toll; security forces as a typed group with no number', () => {
    const p = get(kz('killed-more-than-40'), 'casualties').payload;
    if (p.status !== 'figures') throw new Error('figures expected');
    expect(p.killed).toEqual({
      total: { value: 40, qualifier: 'more-than', scope: 'toll', asOf: { date: '2022-01-07', time: '15:00', offset: '+06:00' } },
      breakdown: [{ who: { type: 'state-forces' } }],
    });
  });

  it('group figures keep their qualifiers and become typed actors; children are civilians with the role child', () => {
    const injured = get(fx('injured-by-group'), 'casualties').payload;
    if (injured.status !== 'figures') throw new Error('figures expected');
    expect(injured.injured?.breakdown).toEqual([
      { who: { type: 'state-forces' }, figure: expect.objectContaining({ value: 30, qualifier: 'about', scope: 'toll' }) },
      { who: { type: 'civilians' }, figure: expect.objectContaining({ value: 12, qualifier: 'exact', scope: 'toll' }) },
    ]);
    expect(injured.perpetrator).toEqual({ status: 'alleged', by: [{ type: 'protesters', title: 'protesters' }] });
    const killed = get(fx('killed-12'), 'casualties').payload;
    if (killed.status !== 'figures') throw new Error('figures expected');
    expect(killed.killed?.breakdown?.map((b) => b.who)).toEqual([{ type: 'civilians', roles: ['child'] }, { type: 'unknown', roles: ['foreign-national'] }]);
  });

  it('a victim becomes a typed person with age and sex, the place of the city, and a known perpetrator', () => {
    const p = get(fx('victims-named'), 'casualties').payload;
    if (p.status !== 'figures') throw new Error('figures expected');
    expect(p.victims).toEqual([
      {
        person: { type: 'civilians', name: 'Ana Example', age: 34, sex: 'female' },
        outcome: 'injured', cause: 'shot', circumstances: 'covering the protest', place: { country: 'XY', city: 'Capital City' },
      },
    ]);
    expect(p.perpetrator).toEqual({ status: 'known', by: [{ type: 'unknown', title: 'riot police', country: 'XY' }] });
    const boy = get(kz('boy-11-killed-almaty'), 'casualties').payload;
    if (boy.status !== 'figures') throw new Error('figures expected');
    expect(boy.victims?.[0]?.person).toEqual({ type: 'civilians', roles: ['child'], age: 11, sex: 'male' });
    expect(boy.perpetrator).toEqual({ status: 'unknown' });
  });

  it('feared casualties keep the vague word and carry no number', () => {
    const many = get(kz('civilian-deaths-feared'), 'casualties').payload;
    expect(many).toEqual({ status: 'feared', outcome: 'killed', who: [{ type: 'civilians' }], magnitude: { vague: 'many' } });
    const dozens = get(fx('dozens-feared'), 'casualties').payload;
    expect(dozens).toEqual({ status: 'feared', outcome: 'injured', who: [{ type: 'protesters' }, { type: 'unknown' }], magnitude: { vague: 'dozens' } });
  });

  it('"no new information" keeps its pointer, also rewritten in the demo wire’s second pass', () => {
    expect(get(kz('fatalities-no-new-information'), 'casualties').payload).toEqual({ status: 'no-new-information', about: 'killed', lastFigures: kz('killed-more-than-40') });
    expect(get(kz('fatalities-no-new-information:p2'), 'casualties').payload).toMatchObject({ lastFigures: kz('killed-more-than-40:p2') });
  });

  it('the shoot order: police and army become state forces; "demonstrators" become protesters; Tokayev a head of state', () => {
    const p = get(kz('shoot-without-warning'), 'security-measure').payload;
    if (p.measure !== 'shoot-order') throw new Error('shoot-order expected');
    expect(p.orderedTo).toEqual([
      { type: 'state-forces', branch: 'police', title: 'police', country: 'KZ' },
      { type: 'state-forces', branch: 'military', title: 'army', country: 'KZ' },
    ]);
    expect(p.targets).toEqual([{ type: 'protesters', title: 'demonstrators' }]);
    expect(p.issuedBy).toEqual({ type: 'government', name: 'Kassym-Jomart Tokayev', title: 'President of Kazakhstan', roles: ['head-of-state'], country: 'KZ' });
    expect(get(kz('shoot-without-warning'), 'security-measure').occurred).toEqual({ date: '2022-01-07', time: '11:00', offset: '+06:00' });
  });

  it('an actor whose title says no type stays unknown rather than guessed', () => {
    const p = get(kz('secret-service-management'), 'government-change').payload;
    expect(p.successor).toEqual({ type: 'unknown', title: 'confidants of the president' });
    expect(get(kz('security-council-chair'), 'government-change').payload.person).toMatchObject({ type: 'unknown', name: 'Nursultan Nazarbayev', age: 81 });
  });

  it('curfew hours, a state of emergency "until", an unscheduled summit and the operation’s forces keep their meaning', () => {
    expect(get(fx('curfew'), 'security-measure').payload).toMatchObject({ measure: 'curfew', status: 'declared', dailyHours: { from: '22:00', to: '06:00' } });
    expect(get(fx('emergency-until'), 'security-measure').payload).toEqual({ measure: 'state-of-emergency', status: 'in-force', period: { to: { date: '2023-03-20' } } });
    expect(get(fx('operation'), 'security-measure').payload).toMatchObject({ conductedBy: [{ type: 'state-forces', branch: 'military' }, { type: 'state-forces', branch: 'police' }] });
    expect(get(fx('summit-unscheduled'), 'diplomacy').payload).toMatchObject({ unscheduled: true, date: { date: '2023-04-01' }, proposedBy: { type: 'government', roles: ['head-of-state'] } });
    expect(get(fx('summit-unscheduled'), 'diplomacy').payload).not.toHaveProperty('expectedWithin');
    expect(get(kz('csto-video-summit'), 'diplomacy').payload).toMatchObject({ expectedWithin: { unit: 'days' }, organisation: { type: 'international-organisation', acronym: 'CSTO' } });
  });

  it('foreign troops: about 2,500 stays a quantity (no scope); the alliance keeps its members and leader', () => {
    const p = get(kz('csto-deployment'), 'foreign-military').payload;
    expect(p).toEqual({
      action: 'deployment', status: 'planned',
      force: { type: 'international-organisation', name: 'Collective Security Treaty Organization', acronym: 'CSTO', ledBy: 'RU', members: ['RU', 'KZ', 'AM', 'BY', 'KG', 'TJ'] },
      troops: { value: 2500, qualifier: 'about' },
    });
    expect(get(fx('troops-arrived'), 'foreign-military').payload).toEqual({ action: 'deployment', status: 'arrived' });
  });

  it('unrest: "for days" and "for weeks" become durations without an amount; evidence moves to the envelope', () => {
    expect(get(kz('worst-riots-in-years'), 'unrest').payload).toEqual({ activity: 'riots', severity: 'worst-in-years', ongoingFor: { unit: 'days' } });
    const gun = get(kz('almaty-gunfire-videos'), 'unrest');
    expect(gun.evidence).toEqual([{ medium: 'videos', channel: 'social-networks', provenance: 'alleged' }]);
    expect(gun.payload).toEqual({ activity: 'gunfire' });
    const weeks = get(fx('protests-weeks'), 'unrest');
    expect(weeks.payload).toMatchObject({ ongoingFor: { unit: 'weeks' }, against: [{ type: 'unknown', title: 'Education Ministry' }], participants: [{ type: 'unknown', title: 'students' }] });
    expect(weeks.evidence).toEqual([{ medium: 'videos', channel: 'broadcast', provenance: 'verified' }]);
  });

  it('sources: roles kept; a missing role, at any link, becomes "unspecified"', () => {
    expect(get(fx('arrests-untallied'), 'arrests').sources).toEqual([{ name: 'Rights Watch XY', role: 'unspecified', url: 'https://example.org/report' }]);
    expect(get(fx('injured-by-group'), 'casualties').sources[0]?.via).toEqual([
      { name: 'XY News Agency', role: 'news-agency' },
      { name: 'local radio', role: 'unspecified' },
    ]);
  });

  it('places: nationwide is the whole country, a region is admin1, a city stays a city', () => {
    expect(get(fx('injured-by-group'), 'casualties').place).toEqual({ country: 'XY', admin1: 'Capital Region', city: 'Capital City' });
    expect(get(kz('almaty-internet-off'), 'connectivity').place).toEqual({ country: 'KZ', city: 'Almaty' });
  });

  it('government changes: whole body, and who had appointed the person', () => {
    expect(get(fx('cabinet-resigned'), 'government-change').payload).toEqual({ action: 'resigned', body: 'cabinet', wholeBody: true });
    expect(get(fx('pm-appointed'), 'government-change').payload.previousAppointment).toEqual({ by: { type: 'unknown', name: 'Former Example' } });
    expect(get(kz('abdymomunov-dismissed'), 'government-change').payload.previousAppointment?.by).toMatchObject({ name: 'Nursultan Nazarbayev' });
  });

  it('commemorations: a date becomes a day; none stays none', () => {
    expect(get(kz('day-of-mourning'), 'commemoration').payload).toMatchObject({ type: 'day-of-mourning', on: { date: '2022-01-10' }, honouring: 'the victims of the unrest' });
    expect(get(fx('funeral'), 'commemoration').payload).toEqual({ type: 'funeral', honouring: 'the fourteen victims' });
  });

  it('corrections keep their meaning: the revised toll supersedes the first, the retracted emergency is withdrawn', () => {
    const states = deriveStates([...read.values()].map((r) => r.update));
    expect(states.get(fx('killed-12'))).toMatchObject({ status: 'superseded', supersededBy: fx('killed-12-revised') });
    expect(states.get(fx('killed-12-revised'))?.status).toBe('current');
    expect(states.get(fx('emergency-until'))).toMatchObject({ status: 'retracted', retractedBy: fx('emergency-retracted') });
    expect(states.get(kz('arrests-4400'))?.status).toBe('current');
  });
});

describe('the version on the wire', () => {
  const record = LOG.find((r) => r.headers.ce_id === kz('arrests-4400'))!;

  it('a v1 body under a v2 type or dataschema header is refused (a broken producer), and nothing else is', () => {
    const asV2Type = fromKafkaMessage(record.value, { ...record.headers, ce_type: 'org.newswire.arrests.v2' });
    expect(asV2Type).toEqual({ ok: false, errors: [{ path: 'headers.ce_type', message: 'is "org.newswire.arrests.v2" but the update says "org.newswire.arrests.v1"' }] });
    const asV2Schema = fromKafkaMessage(record.value, { ...record.headers, ce_dataschema: 'https://newswire.dev/schema/v2/update.schema.json' });
    expect(asV2Schema.ok).toBe(false);
    expect(fromKafkaMessage(record.value, { ...record.headers, ce_dataschema: 'https://newswire.dev/schema/v1/update.schema.json' }).ok).toBe(true);
  });

  it('parseAnyUpdate reads v1 and v2 objects, reports the errors of the version claimed, and refuses other versions', () => {
    const v1 = JSON.parse(record.value) as Record<string, unknown>;
    expect(parseAnyUpdate(v1)).toMatchObject({ ok: true, from: 1, update: { schema: 2, id: kz('arrests-4400') } });
    const v2 = (parseAnyUpdate(v1) as { update: Update }).update;
    expect(parseAnyUpdate(v2)).toEqual({ ok: true, from: 2, update: v2 });
    expect(parseAnyUpdate({ ...v1, reportedAt: '2022-01-08' })).toEqual({
      ok: false,
      errors: [{ path: 'reportedAt', message: 'must be an ISO 8601 date-time with seconds and an offset, e.g. 2022-01-08T10:00:00+06:00' }],
    });
    expect(parseAnyUpdate({ ...v1, schema: 3 })).toEqual({ ok: false, errors: [{ path: 'schema', message: 'must be 1 or 2 (the schema version)' }] });
    expect(parseAnyUpdate({ ...v1, schema: undefined })).toEqual({ ok: false, errors: [{ path: 'schema', message: 'is required (1 or 2)' }] });
    expect(parseAnyUpdate([v1])).toEqual({ ok: false, errors: [{ path: '(root)', message: 'must be an update object' }] });
  });
});
