/**
 * docs/updates.md and docs/telling-a-crisis.md show real, valid v2 updates:
 * every full update in them validates, seed examples are the current seed,
 * every kind is documented with an example, and the header example is what
 * the binding writes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, parseUpdate, toKafkaMessage } from '../src/v2/index.ts';
import { KAZAKHSTAN_SEED_V2 } from '../src/v2/seed/index.ts';

const docs = join(import.meta.dirname, '../../../docs');
async function jsonBlocks(file: string): Promise<{ md: string; blocks: Record<string, unknown>[] }> {
  const md = await readFile(join(docs, file), 'utf8');
  return { md, blocks: [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>) };
}
const isUpdate = (b: Record<string, unknown>) => 'schema' in b && 'kind' in b;

describe('docs/updates.md (v2)', () => {
  it('documents every kind with a heading and a valid v2 example; seed examples are the current seed', async () => {
    const { md, blocks } = await jsonBlocks('updates.md');
    const updates = blocks.filter(isUpdate);
    for (const u of updates) {
      expect(parseUpdate(u), String(u.id)).toMatchObject({ ok: true });
      if (String(u.id).startsWith('kz-unrest-2022:')) expect(KAZAKHSTAN_SEED_V2.find((s) => s.id === u.id), String(u.id)).toEqual(u);
    }
    expect(new Set(updates.map((u) => u.kind))).toEqual(new Set(KINDS));
    for (const kind of KINDS) expect(md).toContain(`### ${kind}\n`);
  });

  it('shows the headers the v2 binding writes', async () => {
    const { blocks } = await jsonBlocks('updates.md');
    const arrests = KAZAKHSTAN_SEED_V2.find((s) => s.id.endsWith(':arrests-4400'))!;
    expect(blocks.find((b) => 'ce_specversion' in b)).toEqual(toKafkaMessage(arrests, { source: '/newswire/demo' }).headers);
  });
});

describe('docs/telling-a-crisis.md', () => {
  it('every full update in the guide validates as v2', async () => {
    const { blocks } = await jsonBlocks('telling-a-crisis.md');
    for (const u of blocks.filter(isUpdate)) expect(parseUpdate(u), String(u.id)).toMatchObject({ ok: true });
  });
});
