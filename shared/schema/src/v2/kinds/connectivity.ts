/**
 * connectivity — PLOVER: COERCE (censorship); internet shutdowns as
 * monitored by groups such as NetBlocks or Access Now.
 *
 * "The authorities have switched off the internet in Almaty"; "the mobile
 * connection keeps breaking down"; a restoration is a new update with state
 * restored and a relation lifts to the shutdown.
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { actorSchema } from '../actor.ts';
import { periodSchema } from '../time.ts';

export const CONNECTIVITY_SERVICES = ['internet', 'mobile', 'mobile-internet', 'landline', 'sms', 'messaging-apps', 'social-media', 'broadcast'] as const;
export const CONNECTIVITY_STATES = ['shut-down', 'intermittent', 'throttled', 'restricted', 'partially-restored', 'restored'] as const;
export const CONNECTIVITY_CAUSES = ['ordered-shutdown', 'technical', 'damage', 'power-outage', 'unknown'] as const;

export const connectivityPayloadSchema = z.strictObject({
  service: z.enum(CONNECTIVITY_SERVICES),
  state: z.enum(CONNECTIVITY_STATES),
  cause: z.enum(CONNECTIVITY_CAUSES).optional(),
  imposedBy: actorSchema.optional(),
  /** Named platforms blocked: "WhatsApp", "Telegram". */
  platforms: list(text(100), 20, 1).optional(),
  period: periodSchema.optional(),
  /** The outage makes independent reporting from the area hardly possible. */
  impedesReporting: z.boolean().optional(),
});
export type ConnectivityPayload = z.infer<typeof connectivityPayloadSchema>;
