/**
 * The corpus: public crises of different shapes, each told fact by fact in
 * v2 updates (see story.ts). shared/schema/corpus/README.md lists, per story,
 * how many facts it has and what still needs prose; the NDJSON files there
 * are written from these modules by `node --import tsx shared/schema/src/v2/corpus/write-ndjson.ts`.
 */
import { CROCUS_2024 } from './crocus-2024.ts';
import { DERNA_2023 } from './derna-2023.ts';
import { NIGER_2023 } from './niger-2023.ts';
import { SRI_LANKA_2022 } from './sri-lanka-2022.ts';
import type { CorpusStory } from './story.ts';
import { SUDAN_2023 } from './sudan-2023.ts';
import { VENEZUELA_2024 } from './venezuela-2024.ts';

export * from './story.ts';
export * from './ndjson.ts';
export { SRI_LANKA_2022 } from './sri-lanka-2022.ts';
export { NIGER_2023 } from './niger-2023.ts';
export { VENEZUELA_2024 } from './venezuela-2024.ts';
export { SUDAN_2023 } from './sudan-2023.ts';
export { DERNA_2023 } from './derna-2023.ts';
export { CROCUS_2024 } from './crocus-2024.ts';

/** One story per shape, in the order of STORY_SHAPES. */
export const CORPUS: readonly CorpusStory[] = [SRI_LANKA_2022, NIGER_2023, VENEZUELA_2024, SUDAN_2023, DERNA_2023, CROCUS_2024];
