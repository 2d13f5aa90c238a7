/**
 * Client authentication: a JWT (HMAC secret or JWKS) whose `newswire` claim
 * lists what the client may read:
 *
 *   { "sub": "desk-7", "exp": 1767225600,
 *     "newswire": { "topics": ["newswire.arrests"], "kinds": ["arrests", "casualties"] } }
 *
 * Absent `topics` = every topic, absent `kinds` = every kind. An empty list
 * grants nothing (never "everything"). A valid token without a `newswire`
 * claim (minted for something else) is accepted but grants nothing: every
 * subscribe on it is `forbidden`. A `newswire` claim of the wrong shape is
 * refused like a bad signature.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export interface AuthOptions {
  /** HMAC secret (HS256/HS384/HS512). */
  secret?: string;
  /** JWKS URL for asymmetric keys. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export interface Grant {
  subject: string | undefined;
  /** null = any; an empty set = none. */
  topics: Set<string> | null;
  kinds: Set<string> | null;
  /** Token expiry, epoch ms (undefined: no exp claim). */
  expiresAt: number | undefined;
}

const claimSchema = z.object({
  topics: z.array(z.string().min(1).max(249)).max(1000).optional(),
  kinds: z.array(z.string().min(1).max(64)).max(1000).optional(),
});

export class AuthError extends Error {}

export type Verifier = (token: string) => Promise<Grant>;

export function createVerifier(opts: AuthOptions): Verifier | null {
  if (!opts.secret && !opts.jwksUrl) return null;
  const key: Uint8Array | JWTVerifyGetKey = opts.secret ? new TextEncoder().encode(opts.secret) : createRemoteJWKSet(new URL(opts.jwksUrl!));
  const algorithms = opts.secret ? ['HS256', 'HS384', 'HS512'] : undefined;
  return async (token: string) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        ...(algorithms ? { algorithms } : {}),
        ...(opts.issuer ? { issuer: opts.issuer } : {}),
        ...(opts.audience ? { audience: opts.audience } : {}),
      }));
    } catch (err) {
      throw new AuthError(err instanceof Error ? err.message : 'invalid token');
    }
    // No claim at all: a token for something else, which grants nothing.
    const claim = claimSchema.safeParse(payload.newswire ?? { topics: [], kinds: [] });
    if (!claim.success) throw new AuthError('token has an invalid "newswire" claim');
    return {
      subject: payload.sub,
      topics: claim.data.topics ? new Set(claim.data.topics) : null,
      kinds: claim.data.kinds ? new Set(claim.data.kinds) : null,
      expiresAt: payload.exp !== undefined ? payload.exp * 1000 : undefined,
    };
  };
}

/** The token from `Authorization: Bearer ...` or `?token=`. */
export function tokenFromRequest(headers: Record<string, string | string[] | undefined>, url: URL): string | undefined {
  const h = headers.authorization;
  const value = Array.isArray(h) ? h[0] : h;
  if (value) {
    const m = /^Bearer\s+(\S+)$/i.exec(value);
    if (m) return m[1];
  }
  return url.searchParams.get('token') ?? undefined;
}
