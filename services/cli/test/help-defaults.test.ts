/**
 * Every default a --help text states is the config schema's: each
 * "VAR ..., default X" mention of a command's help, as the spawned command
 * prints it, is read back to a value and compared with configDefaults. A
 * variable with no default in the schema is described as "unset: ..." (what
 * happens when it is not set), never as a default.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_SECTIONS, configDefaults, type SectionName } from '@newswire/config';
import { runCli } from '@newswire/test-support';

const DEFAULTS: Record<string, unknown> = Object.assign({}, ...(Object.keys(CONFIG_SECTIONS) as SectionName[]).map((s) => configDefaults(s)));
const KNOWN = new Set((Object.values(CONFIG_SECTIONS) as { shape: object }[]).flatMap((s) => Object.keys(s.shape)));

const VAR = String.raw`\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`;
/** `VAR, default X`, `VAR; default X`, `VAR (default X)` (also across a line break): X runs to the next , ; ) or end of line. */
const DEFAULT_MENTION = new RegExp(String.raw`${VAR}(?:[,;] |\s\()default:? ([^,;)\n]+)`, 'g');
const UNSET_MENTION = new RegExp(String.raw`${VAR}(?:[,;] |\s\()unset:`, 'g');

const TIME_UNITS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, day: 86_400_000, days: 86_400_000 };
const BYTE_UNITS: Record<string, number> = { KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** The value a stated default means: "7 days" of a _MS variable is 604800000, "64 MiB" of a _BYTES one 67108864. */
function valueOf(name: string, text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  const m = /^(-?\d+(?:\.\d+)?)(?: ?([A-Za-z]+))?$/.exec(text);
  if (!m) return text;
  const [, number, unit] = m;
  if (unit === undefined) return Number(number);
  const scale = name.endsWith('_MS') ? TIME_UNITS[unit] : name.includes('BYTES') ? BYTE_UNITS[unit] : undefined;
  return scale === undefined ? text : Number(number) * scale;
}

function mentions(help: string) {
  const defaults = [...help.matchAll(DEFAULT_MENTION)].map((m) => ({ name: m[1]!, text: m[2]!.trim() }));
  const unset = [...help.matchAll(UNSET_MENTION)].map((m) => m[1]!);
  return { defaults, unset };
}

/** Each command, and variables its help must state the default of (so a help that states none cannot pass). */
const COMMANDS: [string[], string[]][] = [
  [[], ['NEWSWIRE_SHUTDOWN_TIMEOUT_MS']],
  [['broker'], ['BROKER_HOST', 'BROKER_PORT', 'BROKER_DATA_DIR', 'BROKER_PARTITIONS', 'BROKER_RETENTION_MS', 'BROKER_SEGMENT_BYTES', 'BROKER_FLUSH', 'BROKER_RECOVERY', 'BROKER_AUTO_CREATE_TOPICS']],
  [['start'], ['BROKER_DATA_DIR', 'BROKER_PORT', 'GATEWAY_PORT', 'INGEST_PORT', 'START_DEMO', 'START_DEMO_PACE', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS']],
  [['topics'], ['NEWSWIRE_TOPIC_PREFIX', 'NEWSWIRE_TOPIC_PARTITIONS']],
  [['gateway'], ['GATEWAY_HOST', 'GATEWAY_PORT', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS']],
  [['ingest'], ['INGEST_HOST', 'INGEST_PORT', 'INGEST_MAX_BODY_BYTES', 'INGEST_DEDUPE_WINDOW', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS']],
  [['tail'], ['NEWSWIRE_GATEWAY']],
  [['publish'], []],
  [['replay'], []],
  [['demo'], []],
];

describe('--help defaults', { timeout: 120_000 }, () => {
  it.each(COMMANDS)('newswire %j --help states only the schema\'s defaults', async (command, required) => {
    const r = await runCli([...command, '--help']);
    expect(r.code, r.stderr).toBe(0);
    const { defaults, unset } = mentions(r.stdout);
    const stated = defaults.map(({ name, text }) => ({ name, text, value: valueOf(name, text) }));
    const unknown = [...stated.map((s) => s.name), ...unset].filter((n) => !KNOWN.has(n));
    expect(unknown, 'variables the schema does not have').toEqual([]);
    const wrong = stated.filter((s) => DEFAULTS[s.name] === undefined || s.value !== DEFAULTS[s.name]);
    expect(wrong.map((s) => ({ ...s, schema: DEFAULTS[s.name] })), 'stated defaults unlike the schema\'s').toEqual([]);
    expect(unset.filter((n) => DEFAULTS[n] !== undefined), '"unset:" for a variable the schema gives a default').toEqual([]);
    expect(stated.map((s) => s.name)).toEqual(expect.arrayContaining(required));
  });

  it('reads a stated default back to the schema value, and tells a wrong one', () => {
    expect(valueOf('BROKER_RETENTION_MS', '7 days')).toBe(604_800_000);
    expect(valueOf('BROKER_SEGMENT_BYTES', '64 MiB')).toBe(64 * 1024 * 1024);
    expect(valueOf('NEWSWIRE_SHUTDOWN_TIMEOUT_MS', '10 s')).toBe(10_000);
    const { defaults, unset } = mentions('  --port <n>  (env GATEWAY_PORT, default 8081)\n  (BROKER_HOST; default 0.0.0.0)\n  (env KAFKA_BROKERS; unset: x)');
    expect(defaults).toEqual([
      { name: 'GATEWAY_PORT', text: '8081' },
      { name: 'BROKER_HOST', text: '0.0.0.0' },
    ]);
    expect(defaults.map((d) => valueOf(d.name, d.text) === DEFAULTS[d.name])).toEqual([false, false]);
    expect(unset).toEqual(['KAFKA_BROKERS']);
  });
});
