/**
 * Issue 13, risk "text that can deceive a reader": every text field of the
 * update refuses unpaired surrogates, bidi controls, zero-width and other
 * invisible characters, controls and line separators, naming the code point
 * and the field, and stores text NFC-normalised. The schema tree is walked,
 * so a text field added later without the shared primitive fails here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { decodeUtf8, firstInvalidUtf8, parseUpdate, safeText, updateSchema, Utf8Error } from '../src/index.ts';
import { KAZAKHSTAN_SEED } from '../src/seed/kazakhstan.ts';
import { updateSchema as updateSchemaV2 } from '../src/v2/index.ts';
import { setAt } from './paths.ts';

/** Every character the text rules refuse in a one-line field, with the name the error must give. */
const REFUSED: [string, string][] = [
  ['\ud800', 'U+D800'], // unpaired high surrogate
  ['\udc00', 'U+DC00'], // unpaired low surrogate
  ['\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
  ['\u202a', 'U+202A LEFT-TO-RIGHT EMBEDDING'],
  ['\u202b', 'U+202B RIGHT-TO-LEFT EMBEDDING'],
  ['\u202c', 'U+202C POP DIRECTIONAL FORMATTING'],
  ['\u202d', 'U+202D LEFT-TO-RIGHT OVERRIDE'],
  ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
  ['\u2067', 'U+2067 RIGHT-TO-LEFT ISOLATE'],
  ['\u2068', 'U+2068 FIRST STRONG ISOLATE'],
  ['\u2069', 'U+2069 POP DIRECTIONAL ISOLATE'],
  ['\u200e', 'U+200E LEFT-TO-RIGHT MARK'],
  ['\u200f', 'U+200F RIGHT-TO-LEFT MARK'],
  ['\u061c', 'U+061C ARABIC LETTER MARK'],
  ['\u200b', 'U+200B ZERO WIDTH SPACE'],
  ['\u200c', 'U+200C ZERO WIDTH NON-JOINER'], // between Latin letters: no script needs it there
  ['\u200d', 'U+200D ZERO WIDTH JOINER'],
  ['\u2060', 'U+2060 WORD JOINER'],
  ['\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
  ['\u00ad', 'U+00AD SOFT HYPHEN'],
  ['\u{e0041}', 'U+E0041'], // tag character (invisible "ASCII smuggling")
  ['\u3164', 'U+3164 HANGUL FILLER'],
  ['\u0000', 'U+0000 NULL'],
  ['\u0007', 'U+0007'],
  ['\u001b', 'U+001B ESCAPE'],
  ['\u007f', 'U+007F DELETE'],
  ['\u0085', 'U+0085 NEXT LINE'],
  ['\u009b', 'U+009B CONTROL SEQUENCE INTRODUCER'],
  ['\u2028', 'U+2028 LINE SEPARATOR'],
  ['\u2029', 'U+2029 PARAGRAPH SEPARATOR'],
  ['\ufffe', 'U+FFFE'],
  ['\n', 'U+000A LINE FEED'],
  ['\t', 'U+0009 CHARACTER TABULATION'],
  ['\r', 'U+000D CARRIAGE RETURN'],
];

/** Text a reporter really writes, which must pass. */
const ACCEPTED = [
  'Қасым-Жомарт Тоқаев', // Kazakh Cyrillic
  'Алматы\u00a0— 8\u00a0January', // no-break spaces are visible spaces
  'الرئيس قاسم جومارت توكاييف',
  'می\u200cخواهم', // Persian needs ZWNJ between these letters
  'क्\u200dष', // Devanagari: ZWJ after a virama
  '👨\u200d👩\u200d👧 family', // emoji ZWJ sequence
  '🏳\ufe0f\u200d🌈 flag',
  '👍🏽\u200d♂\ufe0f',
  '東京 · 서울 · 北京',
];

type Leaf = { path: string; schema: z.ZodType };

/** Every string-typed leaf of a zod schema, with a dotted path (arrays as "0"). */
function stringLeaves(schema: z.ZodType, path = '', out: Leaf[] = [], above = new Set<unknown>()): Leaf[] {
  if (above.has(schema)) return out; // a recursive schema (z.lazy) inside itself
  above.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const walk = (s: unknown, p: string) => stringLeaves(s as z.ZodType, p, out, above);
  switch (def.type) {
    case 'string':
      out.push({ path, schema });
      break;
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(v, path ? `${path}.${k}` : k);
      break;
    case 'array':
      walk(def.element, `${path}.0`);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      walk(def.innerType, path);
      break;
    case 'union':
      for (const o of def.options as z.ZodType[]) walk(o, path);
      break;
    case 'intersection':
      walk(def.left, path);
      walk(def.right, path);
      break;
    case 'pipe':
      walk(def.in, path);
      break;
    case 'record':
      walk(def.valueType, `${path}.*`);
      break;
    case 'tuple':
      (def.items as z.ZodType[]).forEach((item, i) => walk(item, `${path}.${i}`));
      break;
    case 'lazy':
      walk((def.getter as () => z.ZodType)(), path);
      break;
    default:
      break; // enums, literals, numbers, booleans: no free text
  }
  above.delete(schema);
  return out;
}

/** Multi-line fields (safeText(n, { multiline: true })) allow \n and \t and nothing else of the list. */
const isMultiline = (schema: z.ZodType) => schema.safeParse('Áb\ncd\tef').success;
const refusedIn = (schema: z.ZodType) => (isMultiline(schema) ? REFUSED.filter(([c]) => c !== '\n' && c !== '\t') : REFUSED);

const leaves = stringLeaves(updateSchema as unknown as z.ZodType);
// Schema v2 builds on the same primitive: its fields are held to the same rules.
const leavesV2 = stringLeaves(updateSchemaV2 as unknown as z.ZodType).map((l) => ({ ...l, path: `v2:${l.path}` }));
/** Each schema object once (the envelope is shared by every kind), under one of its paths. */
const distinct = [...new Map([...leaves, ...leavesV2].map((l) => [l.schema, l] as const)).values()];

describe('every string field of the update obeys the text rules', () => {
  it('finds the text fields (the walk is not empty)', () => {
    const paths = new Set(leaves.map((l) => l.path));
    for (const p of ['headline', 'place.city', 'sources.0.name', 'sources.0.url', 'sources.0.via.0.title', 'payload.detainees.0.charges.0', 'payload.quote'])
      expect(paths, p).toContain(p);
    expect(leavesV2.some((l) => isMultiline(l.schema)), 'v2 has a multi-line field').toBe(true);
  });

  it('refuses each deceptive character in every field that accepts plain text (v1 and v2)', () => {
    let checked = 0;
    for (const { path, schema } of distinct) {
      const clean = ['Ábcdef', 'https://example.com/ábcdef'].find((c) => schema.safeParse(c).success);
      if (clean === undefined) continue; // ids, dates, codes: ASCII-only patterns (next test)
      checked++;
      for (const [ch, label] of refusedIn(schema)) {
        const dirty = clean.replace('bc', `b${ch}c`);
        const r = schema.safeParse(dirty);
        expect(r.success, `${path} accepted ${label}`).toBe(false);
        expect(r.error!.issues.map((i) => i.message).join(' | '), `${path} with ${label}`).toContain(label);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('refuses them in ids and other patterned strings too (nothing slips through any string)', () => {
    for (const { path, schema } of distinct)
      for (const [ch] of refusedIn(schema)) expect(schema.safeParse(`a${ch}b`).success, `${path} accepted U+${ch.codePointAt(0)!.toString(16)}`).toBe(false);
  });

  it('names the field and the code point in the field error of a whole update', () => {
    const u = KAZAKHSTAN_SEED[0]!;
    const r = parseUpdate(setAt(u, ['headline'], 'Protests in \u202eytamlA'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { path: 'headline', message: 'must not contain U+202E RIGHT-TO-LEFT OVERRIDE (a bidi control: it changes the order in which text is displayed) at character 13' },
    ]);
    const s = parseUpdate(setAt(u, ['sources', 0, 'name'], 'Interior\u200bMinistry'));
    expect(!s.ok && s.errors).toEqual([{ path: 'sources.0.name', message: expect.stringMatching(/^must not contain U\+200B ZERO WIDTH SPACE \(an invisible character\) at character 9$/) }]);
  });

  it('accepts real text in many scripts, including joiners where a script or an emoji needs them', () => {
    for (const { schema } of distinct) {
      if (!schema.safeParse('Ábcdef').success) continue; // not free text
      for (const t of ACCEPTED) {
        const r = schema.safeParse(t);
        // Short fields (an acronym) may refuse a long sample for its length only.
        expect(r.success || r.error.issues.every((i) => i.code === 'too_big'), JSON.stringify(t)).toBe(true);
      }
    }
  });

  it('stores text NFC-normalised: canonically equivalent spellings become one', () => {
    const u = KAZAKHSTAN_SEED[0]!;
    const r = parseUpdate(setAt(u, ['headline'], 'Cafe\u0301 and \u1100\u1161 (decomposed)'));
    expect(r.ok && r.update.headline).toBe('Caf\u00e9 and \uac00 (decomposed)');
  });
});

describe('safeText, the primitive other schemas import', () => {
  it('is one line unless multiline, which allows \\n and \\t but nothing else', () => {
    const body = safeText(1000, { multiline: true });
    expect(body.parse('First paragraph.\n\n\tSecond.')).toBe('First paragraph.\n\n\tSecond.');
    for (const [ch, label] of REFUSED.filter(([c]) => c !== '\n' && c !== '\t')) {
      const r = body.safeParse(`a${ch}b`);
      expect(r.success, label).toBe(false);
    }
    expect(safeText(10).safeParse('a\nb').error!.issues[0]!.message).toBe('must be one line: U+000A LINE FEED at character 2');
  });

  it('keeps length, emptiness and blankness rules, counted after normalisation', () => {
    const t = safeText(4);
    expect(t.safeParse('Cafe\u0301').success).toBe(true); // 5 units before NFC, 4 after
    expect(t.safeParse('').error!.issues[0]!.message).toBe('must not be empty');
    expect(t.safeParse('   ').error!.issues[0]!.message).toBe('must not be blank');
    expect(t.safeParse('abcde').error!.issues[0]!.message).toBe('must be at most 4 characters');
  });

  it('reports one issue for one bad character', () => {
    expect(safeText(50).safeParse('a\u202eb').error!.issues).toHaveLength(1);
    expect(safeText(50).safeParse('a\ud800b').error!.issues).toHaveLength(1);
  });
});

describe('decodeUtf8: invalid bytes are refused with their offset, never replaced', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('decodes valid UTF-8 (dropping a BOM) and refuses invalid sequences at their first byte', () => {
    expect(decodeUtf8(enc('Тоқаев 👍'))).toBe('Тоқаев 👍');
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('a');
    const cases: [number[], number][] = [
      [[0x61, 0x62, 0xff], 2], // never valid
      [[0x61, 0xc0, 0xaf], 1], // overlong
      [[0xed, 0xa0, 0x80], 0], // encoded surrogate
      [[0x61, 0xe2, 0x82], 1], // truncated at the end
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x61, 0x80], 1], // lone continuation byte
    ];
    for (const [bytes, offset] of cases) {
      expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
      expect(() => decodeUtf8(Uint8Array.from(bytes))).toThrow(new Utf8Error(offset));
    }
  });
});
