/**
 * The per-kind examples of docs/updates.md are taken from the corpus or the
 * seed story, as they are: an example that drifts from its fixture, or a
 * public event filed only in the docs, fails here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../src/v2/index.ts';
import { CORPUS } from '../src/v2/corpus/index.ts';

const docs = join(import.meta.dirname, '../../../docs/updates.md');
const corpus = new Map(CORPUS.flatMap((s) => s.updates).map((u) => [u.id, u]));
const corpusStories = new Set(CORPUS.map((s) => s.id));

async function kindExamples(): Promise<{ kind: string; update: Record<string, unknown> }[]> {
  const md = await readFile(docs, 'utf8');
  const section = md.slice(md.indexOf('## Kinds\n'), md.indexOf('\n## ', md.indexOf('## Kinds\n') + 1));
  return section.split('\n### ').slice(1).flatMap((part) => {
    const kind = part.slice(0, part.indexOf('\n'));
    return [...part.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
      .filter((b) => 'schema' in b && 'kind' in b)
      .map((update) => ({ kind, update }));
  });
}

describe('docs/updates.md per-kind examples', () => {
  it('every example is the seed’s or the corpus’s, and each corpus example is exactly the corpus update under its own kind', async () => {
    const examples = await kindExamples();
    for (const { kind, update } of examples) {
      expect(update.kind, String(update.id)).toBe(kind);
      expect(['kz-unrest-2022', ...corpusStories], String(update.id)).toContain(update.story);
      if (corpusStories.has(String(update.story))) expect(update, String(update.id)).toEqual(corpus.get(String(update.id)));
    }
  });

  it('every kind has at least one corpus example, and every corpus story is shown', async () => {
    const examples = (await kindExamples()).filter(({ update }) => corpusStories.has(String(update.story)));
    expect(new Set(examples.map((e) => e.kind))).toEqual(new Set(KINDS));
    expect(new Set(examples.map((e) => e.update.story))).toEqual(corpusStories);
  });
});
