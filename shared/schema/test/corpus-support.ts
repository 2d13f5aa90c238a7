/**
 * Reading a corpus story in tests: an update by its slug and kind, the
 * derived states of the whole story, and every instant an update carries.
 */
import { expect } from 'vitest';
import { deriveStates, type Instant, type Update, type UpdateOf } from '../src/v2/index.ts';
import type { CorpusStory } from '../src/v2/corpus/index.ts';

export function storyFacts(story: CorpusStory) {
  const bySlug = new Map(story.updates.map((u) => [u.id.slice(story.id.length + 1), u]));
  const idOf = (slug: string) => `${story.id}:${slug}`;
  function get<K extends Update['kind']>(slug: string, kind: K): UpdateOf<K> {
    const u = bySlug.get(slug);
    if (!u) throw new Error(`no update ${idOf(slug)}`);
    expect(u.kind, u.id).toBe(kind);
    return u as UpdateOf<K>;
  }
  const states = deriveStates(story.updates);
  const state = (slug: string) => {
    const s = states.get(idOf(slug));
    if (!s) throw new Error(`no state for ${idOf(slug)}`);
    return s;
  };
  return { get, idOf, bySlug, state };
}


/** Every instant anywhere in a value (objects with a `date` string), with its path. */
export function instantsIn(value: unknown, path: string[] = []): { path: string; instant: Instant }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => instantsIn(v, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  if (typeof o.date === 'string') return [{ path: path.join('.'), instant: o as unknown as Instant }];
  return Object.entries(o).flatMap(([k, v]) => instantsIn(v, [...path, k]));
}

/** Every quantity-like object (value, range or vague word) anywhere in a value, with its path. */
export function quantitiesIn(value: unknown, path: string[] = []): { path: string; q: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => quantitiesIn(v, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const here = 'vague' in o || 'min' in o || (typeof o.value === 'number' && 'qualifier' in o) ? [{ path: path.join('.'), q: o }] : [];
  return [...here, ...Object.entries(o).flatMap(([k, v]) => quantitiesIn(v, [...path, k]))];
}
