/** Where a report comes from in words: its sources with their chain, and its evidence. */
import type { Source, Update } from '@newswire/schema/v2';
import { w } from './text.ts';

/** "Interior Ministry via state television"; a named person keeps their title. */
export function formatSourceWords(s: Source): string {
  const link = (l: { name: string; title?: string | undefined }) => (l.title && l.title !== l.name ? `${l.name} (${l.title})` : l.name);
  return [link(s), ...(s.via ?? []).map(link)].join(' via ');
}

export function formatSourcesWords(sources: readonly Source[]): string {
  return sources.map(formatSourceWords).join('; ');
}

/** "photos (alleged) on social networks". */
export function evidenceWords(u: Update): string {
  return (u.evidence ?? []).map((e) => `${e.medium}${e.channel ? ` on ${w(e.channel)}` : ''} (${e.provenance})`).join('; ');
}
