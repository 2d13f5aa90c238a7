/** The picker takes exactly the story ids the schema allows (its own copy of the pattern must not drift). */
import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '@newswire/schema';
import { isStoryId } from '../src/client/story-picker.ts';

describe('isStoryId', () => {
  it('agrees with the schema’s id pattern', () => {
    const samples = ['kz-unrest-2022', 'lk-crisis-2022', 'a', 'x'.repeat(128), 'x'.repeat(129), '', 'a b', 'a/b', 'é', 'a:b.c_d-e', '<script>', 'a\n'];
    for (const s of samples) expect(isStoryId(s), s).toBe(ID_PATTERN.test(s));
    expect(samples.filter(isStoryId)).toHaveLength(5);
  });
});
