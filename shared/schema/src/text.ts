/**
 * Text rules of the wire: what a text field of an update may contain.
 *
 * Updates end up in dashboards, terminals, logs and other people's feeds, so
 * text that displays differently from what it is would deceive a reader: a
 * bidi override that shows "gpj.exe" for "exe.jpg", zero-width characters
 * that make two identical-looking names different, control characters that
 * rewrite a terminal, separators that break a line where none shows. Such
 * text is REFUSED, not cleaned: a producer learns at once which field and
 * which code point, and what is stored is exactly what was sent (after NFC
 * normalisation, which changes no visible character).
 *
 * Refused in every text field:
 * - unpaired surrogates (not Unicode at all);
 * - C0 and C1 controls and DEL (in multi-line fields \n and \t are allowed);
 * - U+2028 / U+2029 line and paragraph separators;
 * - format characters (general category Cf): every bidi control (U+061C,
 *   U+200E/F, U+202A-202E, U+2066-2069), zero-width characters (U+200B,
 *   U+2060, U+FEFF), the soft hyphen, tag characters, ... except U+200C
 *   ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER where a script or an
 *   emoji needs them: between two letters of a script other than Latin,
 *   Cyrillic or Greek (Persian, Devanagari...), or inside an emoji sequence;
 * - Hangul fillers (letters that display as nothing) and noncharacters.
 *
 * The JSON Schema export carries the refused BMP characters as a pattern; the
 * context rule for U+200C/U+200D, unpaired surrogates and astral format
 * characters are enforced by newswire only (zod).
 */
import { z } from 'zod';

/** The fixed refused set within the BMP (JSON Schema carries it as a pattern), after the C0 controls. */
const BMP_REFUSED =
  '\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u115f\\u1160\\u180e' +
  '\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u206f\\u3164\\ufdd0-\\ufdef\\ufeff\\uffa0\\ufff9-\\ufffb\\ufffe\\uffff';
const ONE_LINE_PATTERN = new RegExp(`^[^\\u0000-\\u001f${BMP_REFUSED}]*$`);
/** Multi-line text keeps \t (U+0009) and \n (U+000A). */
const MULTI_LINE_PATTERN = new RegExp(`^[^\\u0000-\\u0008\\u000b-\\u001f${BMP_REFUSED}]*$`);

/** Everything that may be refused, in one pass (the context rule and \n \t are decided per match). */
const CANDIDATES = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\u115f\u1160\u3164\uffa0]/gu;
const ONLY_PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Letters of scripts where ZWNJ/ZWJ change shaping (not Latin, Cyrillic, Greek or script-neutral ones). */
const JOINING_SCRIPT_LETTER = /^[\p{L}\p{M}]$/u;
const NON_JOINING_SCRIPT = /^[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Common}\p{sc=Inherited}]$/u;
const EMOJI_PART = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{20E3}]$/u;

/** The code point that ends just before UTF-16 index i (a surrogate pair counts as one). */
function codePointBefore(s: string, i: number): string | undefined {
  if (i === 0) return undefined;
  const low = s.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = s.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(i - 2, i);
  }
  return s.slice(i - 1, i);
}

function joinsHere(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (EMOJI_PART.test(ch)) return true;
  return JOINING_SCRIPT_LETTER.test(ch) && !NON_JOINING_SCRIPT.test(ch);
}

const NAMES: Record<number, string> = {
  0x00: 'NULL', 0x09: 'CHARACTER TABULATION', 0x0a: 'LINE FEED', 0x0d: 'CARRIAGE RETURN', 0x1b: 'ESCAPE', 0x7f: 'DELETE',
  0x85: 'NEXT LINE', 0x9b: 'CONTROL SEQUENCE INTRODUCER', 0xad: 'SOFT HYPHEN', 0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER', 0x1160: 'HANGUL JUNGSEONG FILLER', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK', 0x2028: 'LINE SEPARATOR', 0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE', 0xffa0: 'HALFWIDTH HANGUL FILLER',
};

const BIDI = /^[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]$/;

/** What is wrong with one refused code point, in words a producer can act on. */
function why(cp: number, ch: string): string {
  if (cp >= 0xd800 && cp <= 0xdfff) return 'an unpaired surrogate: the text is not valid Unicode';
  if (BIDI.test(ch)) return 'a bidi control: it changes the order in which text is displayed';
  if (cp === 0x2028 || cp === 0x2029) return 'a line separator that displays as nothing or breaks lines unseen';
  if (cp === 0x200c || cp === 0x200d)
    return 'invisible; allowed only inside an emoji sequence or between letters of a script that needs it, e.g. Persian or Devanagari';
  if (/^\p{Cc}$/u.test(ch)) return 'a control character';
  if (/^\p{Noncharacter_Code_Point}$/u.test(ch)) return 'a noncharacter';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'an invisible tag character';
  return 'an invisible character';
}

export interface UnsafeCodePoint {
  /** The code point, e.g. 0x202e. */
  codePoint: number;
  /** "U+202E RIGHT-TO-LEFT OVERRIDE". */
  label: string;
  /** 1-based position in code points. */
  position: number;
  reason: string;
}

export interface TextOptions {
  /** Allow \n and \t (bodies, descriptions); one line otherwise. */
  multiline?: boolean;
}

/** The first code point the text rules refuse, or undefined. Fast for printable ASCII. */
export function findUnsafeCodePoint(s: string, opts: TextOptions = {}): UnsafeCodePoint | undefined {
  if (ONLY_PRINTABLE_ASCII.test(s)) return undefined;
  CANDIDATES.lastIndex = 0;
  for (let m = CANDIDATES.exec(s); m; m = CANDIDATES.exec(s)) {
    const ch = m[0];
    const cp = ch.codePointAt(0)!;
    if (opts.multiline && (cp === 0x0a || cp === 0x09)) continue;
    if (cp === 0x200c || cp === 0x200d) {
      const after = String.fromCodePoint(s.codePointAt(m.index + 1) ?? 0x20);
      if (joinsHere(codePointBefore(s, m.index)) && joinsHere(after)) continue;
    }
    const hex = cp.toString(16).toUpperCase().padStart(4, '0');
    const name = NAMES[cp];
    return {
      codePoint: cp,
      label: `U+${hex}${name ? ` ${name}` : ''}`,
      position: Array.from(s.slice(0, m.index)).length + 1,
      reason: why(cp, ch),
    };
  }
  return undefined;
}

function describe(s: unknown, opts: TextOptions): string {
  const bad = typeof s === 'string' ? findUnsafeCodePoint(s, opts) : undefined;
  if (!bad) return 'contains a character the text rules refuse';
  if (!opts.multiline && (bad.codePoint === 0x0a || bad.codePoint === 0x09 || bad.codePoint === 0x0d))
    return `must be one line: ${bad.label} at character ${bad.position}`;
  return `must not contain ${bad.label} (${bad.reason}) at character ${bad.position}`;
}

/**
 * Applies the text rules to a string schema (text; URLs before their URL check): a pattern for the
 * fixed BMP set (exported to JSON Schema) and a refinement for the rest; each
 * refusal names the code point and its position.
 */
export function refuseUnsafeText(schema: z.ZodString, opts: TextOptions = {}): z.ZodString {
  const pattern = opts.multiline ? MULTI_LINE_PATTERN : ONE_LINE_PATTERN;
  return schema
    .regex(pattern, { error: (issue) => describe(issue.input, opts) })
    .superRefine((s, ctx) => {
      // Only what the pattern lets through, so one bad character is one issue.
      if (!pattern.test(s)) return;
      if (findUnsafeCodePoint(s, opts)) ctx.addIssue({ code: 'custom', message: describe(s, opts) });
    });
}

/**
 * THE text primitive of the update schema: a non-blank string of at most
 * `maxLength` UTF-16 units after NFC normalisation, one line unless
 * `multiline`, refusing what would deceive a reader (see the file header).
 */
export function safeText(maxLength: number, opts: TextOptions = {}) {
  return refuseUnsafeText(
    z
      .string()
      // Canonically equivalent spellings (e + combining acute, é) become one, so ids of
      // people and places compare equal; NFC changes no visible character.
      .normalize('NFC')
      .min(1, { error: 'must not be empty' })
      .max(maxLength, { error: `must be at most ${maxLength} characters` })
      .regex(/\S/, { error: 'must not be blank' }),
    opts,
  );
}

/** Thrown by decodeUtf8 with the byte offset of the first invalid sequence. */
export class Utf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`not valid UTF-8 at byte ${byteOffset}`);
    this.name = 'Utf8Error';
  }
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8, refusing invalid bytes instead of replacing them with U+FFFD
 * (which would silently change what a producer sent). A leading BOM is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new Utf8Error(firstInvalidUtf8(bytes));
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}
