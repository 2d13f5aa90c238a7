import { z } from 'zod';

/** `newswire start` (the one-command quick start) and the dashboard it serves. */
export const startConfig = z.object({
  /** What `newswire start` does with the demo wire: tell the seed story once (default), loop it, or not at all. */
  START_DEMO: z.enum(['once', 'loop', 'off']).default('once'),
  /** Demo wire pace under `newswire start`: a pause between updates (2400ms: the 25-update story in about a minute), <N>x or max. */
  START_DEMO_PACE: z.string().min(1).max(40).default('2400ms'),
  /** Serve a dashboard bundle prebuilt into this directory (the Docker image) instead of bundling it at startup. */
  DASHBOARD_DIST_DIR: z.string().min(1).optional(),
});
