/**
 * Writes shared/schema/corpus/<story>.ndjson from the corpus modules, after
 * validating every update (nothing invalid is written). Run after editing a story:
 *   node --import tsx shared/schema/src/v2/corpus/write-ndjson.ts
 * The corpus test fails while a file differs from its module.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertUpdate } from '../parse.ts';
import { CORPUS } from './index.ts';
import { storyFileName, storyNdjson } from './ndjson.ts';

const dir = join(import.meta.dirname, '../../../corpus');
for (const story of CORPUS) {
  for (const u of story.updates) assertUpdate(u);
  const file = join(dir, storyFileName(story));
  writeFileSync(file, storyNdjson(story));
  process.stdout.write(`${file}: ${story.updates.length} updates\n`);
}
