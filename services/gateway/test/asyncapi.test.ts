/** docs/asyncapi.yaml is generated from the protocol's zod schemas and must stay in sync with them. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_OPS } from '@newswire/protocol';
import { asyncApiYaml, buildAsyncApiDocument } from '../src/asyncapi.ts';

describe('AsyncAPI document', () => {
  it('matches docs/asyncapi.yaml (regenerate: node --import tsx services/gateway/src/asyncapi.ts > docs/asyncapi.yaml)', () => {
    const onDisk = readFileSync(resolve(import.meta.dirname, '../../../docs/asyncapi.yaml'), 'utf8');
    expect(onDisk).toBe(asyncApiYaml());
  });

  it('describes every client op and is AsyncAPI 3.0', () => {
    const doc = buildAsyncApiDocument() as { asyncapi: string; channels: { stream: { messages: Record<string, unknown> } } };
    expect(doc.asyncapi).toBe('3.0.0');
    for (const op of CLIENT_OPS) expect(Object.keys(doc.channels.stream.messages)).toContain(op);
  });
});
