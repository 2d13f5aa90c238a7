/**
 * A variable's value as a help text shows it: "7 days" for 604800000 ms,
 * "64 MiB" for 67108864 bytes (what a person reads at once). shownDefault in
 * index.ts shows the schema's defaults with it.
 */

const DURATIONS: [number, string, string][] = [
  [86_400_000, 'day', 'days'],
  [3_600_000, 'h', 'h'],
  [60_000, 'min', 'min'],
  [1000, 's', 's'],
];
const SIZES: [number, string][] = [
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
];

/** `ms` in the largest whole unit (604800000 -> "7 days"), else in ms. */
function duration(ms: number): string {
  if (ms <= 0) return String(ms);
  for (const [unit, one, many] of DURATIONS) if (ms % unit === 0) return `${ms / unit} ${ms === unit ? one : many}`;
  return `${ms} ms`;
}

/** `bytes` in the largest whole binary unit (67108864 -> "64 MiB"), else as the number. */
function size(bytes: number): string {
  if (bytes <= 0) return String(bytes);
  for (const [unit, name] of SIZES) if (bytes % unit === 0) return `${bytes / unit} ${name}`;
  return String(bytes);
}

/** `value` of variable `name` for a help text: durations (`*_MS`) and sizes (`*_BYTES`) in whole units, anything else as written. */
export function showValue(name: string, value: unknown): string {
  if (typeof value === 'number' && name.endsWith('_MS')) return duration(value);
  if (typeof value === 'number' && name.endsWith('_BYTES')) return size(value);
  return String(value);
}
