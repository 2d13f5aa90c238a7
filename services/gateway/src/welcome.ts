/** The `welcome` frame: server identity, epoch, limits and (with auth) what the token grants. */
import { PROTOCOL_VERSION, type WelcomeMessage } from '@newswire/protocol';
import type { Grant } from './auth.ts';
import type { GatewayContext } from './context.ts';

export function buildWelcome(ctx: GatewayContext, grant: Grant | null): WelcomeMessage {
  const l = ctx.limits;
  const welcome: WelcomeMessage = {
    op: 'welcome',
    v: PROTOCOL_VERSION,
    server: ctx.serverName,
    epoch: ctx.epoch,
    topics: [...ctx.topics],
    limits: {
      maxPayload: l.maxPayload,
      maxSubscriptions: l.maxSubscriptions,
      ratePerSec: l.ratePerSec,
      burst: l.burst,
      maxBufferedBytes: l.maxBufferedBytes,
      heartbeatMs: l.heartbeatMs,
    },
  };
  if (grant)
    welcome.auth = {
      ...(grant.subject !== undefined ? { subject: grant.subject } : {}),
      ...(grant.topics ? { topics: [...grant.topics] } : {}),
      ...(grant.kinds ? { kinds: [...grant.kinds] } : {}),
      ...(grant.expiresAt !== undefined ? { expiresAt: grant.expiresAt } : {}),
    };
  return welcome;
}
