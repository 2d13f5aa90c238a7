import { z } from 'zod';

const boolFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** `newswire start` (the one-command quick start). */
export const startConfig = z.object({
  /** What `newswire start` does with the demo wire: tell the seed story once (default), loop it, or not at all. */
  START_DEMO: z.enum(['once', 'loop', 'off']).default('once'),
  /** Demo wire pace under `newswire start`: a pause between updates (2400ms: the 26-update seed story in about a minute), <N>x or max. */
  START_DEMO_PACE: z.string().min(1).max(40).default('2400ms'),
  /** Internal: set by `newswire start` on the child it runs behind pino-pretty on a terminal. */
  NEWSWIRE_START_CHILD: boolFlag.default(false),
});
