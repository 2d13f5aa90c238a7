import { z } from 'zod';

/** `newswire tail`: where the gateway is and how to authenticate. Flags override these. */
export const tailConfig = z.object({
  /** Gateway WebSocket URL. */
  NEWSWIRE_GATEWAY: z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' }).default('ws://127.0.0.1:8080'),
  /** JWT for a gateway with auth on. */
  NEWSWIRE_TOKEN: z.string().min(1).optional(),
});
