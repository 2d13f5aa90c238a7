/** The `stories` op and its answer: what the gateway accepts and sends, and what a client reads. */
import { describe, expect, it } from 'vitest';
import { clientMessageSchema, serverMessageSchema, serverMessageSchemaForClients } from '../src/index.ts';

describe('stories', () => {
  it('a client may ask with or without a ref; anything else is refused', () => {
    expect(clientMessageSchema.safeParse({ op: 'stories' }).success).toBe(true);
    expect(clientMessageSchema.safeParse({ op: 'stories', ref: 'list-1' }).success).toBe(true);
    expect(clientMessageSchema.safeParse({ op: 'stories', ref: '' }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ op: 'stories', ref: 'a b' }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ op: 'stories', ref: 'x'.repeat(65) }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ op: 'stories', limit: 10 }).success).toBe(false);
  });

  const answer = { op: 'stories', ref: 'list-1', stories: [{ story: 'kz', updates: 3, lastTs: 1700000000000 }, { story: 'lk', updates: 0 }], truncated: false };

  it('the gateway’s answer is strict: no unknown field, a count is a whole number', () => {
    expect(serverMessageSchema.safeParse(answer).success).toBe(true);
    expect(serverMessageSchema.safeParse({ ...answer, extra: 1 }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ ...answer, stories: [{ story: 'kz', updates: 1.5 }] }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ ...answer, stories: [{ story: 'kz', updates: 1, headline: 'x' }] }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ op: 'stories', stories: [] }).success).toBe(false); // truncated is always sent
  });

  it('a client reads an answer from a newer gateway, dropping the fields it does not know', () => {
    const parsed = serverMessageSchemaForClients.parse({ ...answer, extra: 1, stories: [{ story: 'kz', updates: 3, headline: 'new field' }] });
    expect(parsed).toEqual({ op: 'stories', ref: 'list-1', stories: [{ story: 'kz', updates: 3 }], truncated: false });
  });
});
