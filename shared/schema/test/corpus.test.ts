/**
 * The corpus as a whole: one story per shape of crisis, each of 15 facts or
 * more; every update valid v2 (zod and the exported JSON Schema), kept
 * exactly as written in its NDJSON file; links only backwards within a
 * story; every time in the story's IANA zone and no more precise than said;
 * and, across the corpus, every feature issue 10 asks the stories to show.
 * What each fact means is checked story by story in corpus-<story>.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deriveStates,
  figuresOf,
  instantPrecision,
  jsonSchemaDocuments,
  KINDS,
  parseUpdate,
  quantityBounds,
  sourceKey,
  type Update,
} from '../src/v2/index.ts';
import { CORPUS, STORY_SHAPES, storyFileName, storyNdjson } from '../src/v2/corpus/index.ts';
import { instantsIn, quantitiesIn } from './corpus-support.ts';
import { validateJsonSchema } from './json-schema-lite.ts';

const corpusDir = join(import.meta.dirname, '../corpus');
const ALL: Update[] = CORPUS.flatMap((s) => s.updates);

/** Ids an update points at: corrections, relations, and ids inside payloads. */
function linksOf(u: Update): string[] {
  const out = [u.revises, u.retracts, ...(u.relations ?? []).map((r) => r.to)];
  if (u.kind === 'diplomacy' && u.payload.action === 'statement') out.push(...(u.payload.regarding ?? []));
  if (u.kind === 'casualties' && u.payload.status === 'no-new-information') out.push(u.payload.lastFigures);
  return out.filter((x): x is string => x !== undefined);
}

describe('the corpus', () => {
  it('has one story per shape of crisis, each told in 15 facts or more', () => {
    expect(CORPUS.map((s) => s.shape)).toEqual([...STORY_SHAPES]);
    for (const s of CORPUS) expect(s.updates.length, s.id).toBeGreaterThanOrEqual(15);
  });

  it('every update validates as v2 and comes back exactly as written (nothing normalised or dropped)', () => {
    for (const u of ALL) {
      const r = parseUpdate(u);
      expect(r, u.id).toMatchObject({ ok: true });
      if (r.ok) expect(r.update, u.id).toEqual(u);
    }
  });

  it('every update validates against the exported JSON Schema, for any update and for its own kind', () => {
    const docs = jsonSchemaDocuments();
    for (const u of ALL) {
      expect(validateJsonSchema(docs.get('update.schema.json')!, u), u.id).toEqual([]);
      expect(validateJsonSchema(docs.get(`${u.kind}.schema.json`)!, u), u.id).toEqual([]);
    }
  });

  it('ids are unique, <story>:<slug>, and every update carries its story id', () => {
    expect(new Set(ALL.map((u) => u.id)).size).toBe(ALL.length);
    for (const s of CORPUS)
      for (const u of s.updates) {
        expect(u.story).toBe(s.id);
        expect(u.id.startsWith(`${s.id}:`), u.id).toBe(true);
      }
  });

  it('links point only at earlier updates of the same story', () => {
    for (const s of CORPUS) {
      const seen = new Set<string>();
      for (const u of s.updates) {
        for (const to of linksOf(u)) expect(seen.has(to), `${u.id} -> ${to}`).toBe(true);
        seen.add(u.id);
      }
    }
  });

  it('reports are date-only in the story’s zone and never go back in time', () => {
    for (const s of CORPUS) {
      let last = '';
      for (const u of s.updates) {
        expect(u.reported, u.id).toEqual({ date: u.reported.date, zone: s.zone });
        expect(instantPrecision(u.reported)).toBe('day');
        expect(u.reported.date >= last, `${u.id} reported ${u.reported.date} after ${last}`).toBe(true);
        last = u.reported.date;
      }
    }
  });

  it('every date and time anywhere is in the story’s IANA zone; none carries a bare UTC offset', () => {
    for (const s of CORPUS)
      for (const u of s.updates)
        for (const { path, instant } of instantsIn(u)) {
          expect(instant.zone, `${u.id} ${path}`).toBe(s.zone);
          expect(instant.offset, `${u.id} ${path}`).toBeUndefined();
        }
  });

  it('every running toll says as of when; incident figures never do', () => {
    for (const u of ALL)
      for (const f of figuresOf(u)) {
        if (f.figure.scope === 'toll') expect(f.figure.asOf, `${u.id} ${f.path.join('.')}`).toBeDefined();
        else expect(f.figure.asOf, `${u.id} ${f.path.join('.')}`).toBeUndefined();
      }
  });

  it('a vague word never carries a number, and fixes no bound', () => {
    const vague = ALL.flatMap((u) => quantitiesIn(u).filter(({ q }) => 'vague' in q).map((x) => ({ ...x, id: u.id })));
    expect(vague.length).toBeGreaterThan(5);
    for (const { id, path, q } of vague) {
      for (const key of ['value', 'min', 'max']) expect(q, `${id} ${path}`).not.toHaveProperty(key);
      expect(quantityBounds(q as never)).toEqual({});
    }
  });

  it('each NDJSON file is its story, line by line, and every line is a valid update', async () => {
    for (const s of CORPUS) {
      const text = await readFile(join(corpusDir, storyFileName(s)), 'utf8');
      expect(text, `${storyFileName(s)} is stale: run node --import tsx shared/schema/src/v2/corpus/write-ndjson.ts`).toBe(storyNdjson(s));
      const lines = text.split('\n').filter(Boolean);
      expect(lines).toHaveLength(s.updates.length);
      for (const line of lines) expect(parseUpdate(JSON.parse(line))).toMatchObject({ ok: true });
    }
  });

  it('corpus/README.md gives each story’s number of facts as it is', async () => {
    const readme = await readFile(join(corpusDir, 'README.md'), 'utf8');
    for (const s of CORPUS) {
      const row = readme.split('\n').find((l) => l.includes(`\`${s.id}\``) && l.startsWith('|'));
      expect(row, s.id).toBeDefined();
      expect(row!.split('|').map((c) => c.trim())).toContain(String(s.updates.length));
    }
  });
});

describe('what issue 10 asks the corpus to show, and where', () => {
  const some = (pred: (u: Update) => boolean) => ALL.filter(pred).map((u) => u.id);

  it('corrections: a revision and a retraction, each of an earlier update that then stands superseded or retracted', () => {
    for (const s of CORPUS) {
      const states = deriveStates(s.updates);
      for (const u of s.updates) {
        if (u.revises) expect(states.get(u.revises)?.status, u.id).toBe('superseded');
        if (u.retracts) expect(states.get(u.retracts)?.status, u.id).toBe('retracted');
      }
    }
    expect(some((u) => u.revises !== undefined).length).toBeGreaterThan(0);
    expect(some((u) => u.retracts !== undefined).length).toBeGreaterThan(0);
  });

  it('measures lifted, extended and amended through relations, never through revises', () => {
    for (const type of ['lifts', 'extends', 'amends'] as const) {
      const ids = some((u) => (u.relations ?? []).some((r) => r.type === type));
      expect(ids.length, type).toBeGreaterThan(0);
      for (const id of ids) expect(ALL.find((u) => u.id === id)!.revises, id).toBeUndefined();
    }
  });

  it('vague figures, ranges, and figures of both scopes from different sources', () => {
    const figures = ALL.flatMap((u) => figuresOf(u).map((f) => ({ u, f: f.figure })));
    expect(figures.some(({ f }) => 'vague' in f) || ALL.some((u) => quantitiesIn(u.payload).some(({ q }) => 'vague' in q))).toBe(true);
    expect(ALL.some((u) => quantitiesIn(u.payload).some(({ q }) => 'min' in q))).toBe(true);
    const incidentSources = new Set(figures.filter(({ f }) => f.scope === 'incident').map(({ u }) => sourceKey(u.sources[0]!)));
    const tollSources = new Set(figures.filter(({ f }) => f.scope === 'toll').map(({ u }) => sourceKey(u.sources[0]!)));
    expect(incidentSources.size).toBeGreaterThan(3);
    expect(tollSources.size).toBeGreaterThan(5);
  });

  it('a body resigning except some members, a leader fleeing, and elected / sworn in / acting kept apart', () => {
    expect(some((u) => u.kind === 'government-change' && u.payload.wholeBody === true && (u.payload.except?.length ?? 0) > 0).length).toBeGreaterThan(0);
    expect(some((u) => u.kind === 'leader-movement' && (u.payload.movement === 'fled' || u.payload.movement === 'left-country')).length).toBeGreaterThan(1);
    for (const action of ['elected', 'sworn-in', 'acting', 'appointed', 'resigned', 'dismissed'] as const)
      expect(some((u) => u.kind === 'government-change' && u.payload.action === action).length, action).toBeGreaterThan(0);
  });

  it('victims and detainees with roles, places with parts of cities, districts and named sites, in every story’s own zone', () => {
    const roles = new Set(ALL.flatMap((u) => JSON.stringify(u.payload).match(/"roles":\[[^\]]*\]/g) ?? []).flatMap((m) => JSON.parse(`{${m}}`).roles as string[]));
    for (const role of ['lawmaker', 'journalist', 'child', 'aid-worker', 'police-officer', 'minister', 'foreign-national']) expect(roles, role).toContain(role);
    expect(some((u) => u.place.extent === 'parts').length).toBeGreaterThan(0);
    expect(some((u) => (u.place.districts?.length ?? 0) > 0).length).toBeGreaterThan(0);
    expect(some((u) => (u.place.sites ?? []).some((s) => s.name !== undefined)).length).toBeGreaterThan(5);
    expect(new Set(CORPUS.map((s) => s.zone)).size).toBe(CORPUS.length);
  });

  it('uses every kind', () => {
    const used = new Set(ALL.map((u) => u.kind));
    expect(KINDS.filter((k) => !used.has(k))).toEqual([]);
  });
});
