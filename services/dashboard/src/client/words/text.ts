/** Small text helpers every plain-words module shares. */

/** "-" separated enum values as words: "ordered-shutdown" -> "ordered shutdown". */
export const w = (s: string): string => s.replace(/-/g, ' ');

/** "a, b and c"; empty items are left out. */
export function list(items: readonly string[]): string {
  const xs = items.filter(Boolean);
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
