import { z } from 'zod';

/** The dashboard the gateway serves at / (`newswire gateway`, `newswire start`). */
export const dashboardConfig = z.object({
  /** Serve a dashboard bundle prebuilt into this directory (the Docker image) instead of bundling it at startup. */
  DASHBOARD_DIST_DIR: z.string().min(1).optional(),
});
