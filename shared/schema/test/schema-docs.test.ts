/** docs/updates.md must show real, valid updates: every example is a current seed update. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, parseUpdate, toKafkaMessage } from '../src/index.ts';
import { KAZAKHSTAN_SEED } from '../src/seed/kazakhstan.ts';

describe('docs/updates.md', () => {
  it('documents every kind with a valid example taken from the seed', async () => {
    const md = await readFile(join(import.meta.dirname, '../../../docs/updates.md'), 'utf8');
    const blocks = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    const updates = blocks.filter((b) => 'schema' in b && 'kind' in b);
    for (const u of updates) {
      expect(parseUpdate(u).ok, String(u.id)).toBe(true);
      expect(KAZAKHSTAN_SEED.find((s) => s.id === u.id), String(u.id)).toEqual(u);
    }
    expect(new Set(updates.map((u) => u.kind))).toEqual(new Set(KINDS));
    for (const kind of KINDS) expect(md).toContain(`### ${kind}\n`);
    const headers = blocks.find((b) => 'ce_specversion' in b);
    const arrests = KAZAKHSTAN_SEED.find((s) => s.id.endsWith(':arrests-4400'))!;
    expect(headers).toEqual(toKafkaMessage(arrests, { source: '/newswire/demo' }).headers);
  });
});
