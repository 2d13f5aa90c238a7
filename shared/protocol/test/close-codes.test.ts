/**
 * Close codes and errors by meaning: what a client does follows from a close
 * code's range and an error's `temporary` flag, so it needs no table of its own.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, CLOSE_RANGES, ERROR_CODES, ERROR_TEMPORARY, LEGACY_CLOSE_CODES, closeAction, errorSchema, serverMessageSchemaForClients } from '../src/index.ts';

describe('closeAction', () => {
  it('reads the private ranges: 4000-4099 reconnect, 4100-4199 terminal', () => {
    for (let c = CLOSE_RANGES.reconnect.min; c <= CLOSE_RANGES.reconnect.max; c++) if (!(c in LEGACY_CLOSE_CODES)) expect(closeAction(c), String(c)).toBe('reconnect');
    for (let c = CLOSE_RANGES.terminal.min; c <= CLOSE_RANGES.terminal.max; c++) expect(closeAction(c), String(c)).toBe('terminal');
  });

  it('gives each code the gateway sends the meaning its docs state', () => {
    expect(closeAction(CLOSE_CODES.policy)).toBe('terminal');
    expect(closeAction(CLOSE_CODES.tooLarge)).toBe('terminal');
    expect(closeAction(CLOSE_CODES.restart)).toBe('reconnect');
    expect(closeAction(CLOSE_CODES.tokenExpired)).toBe('reconnect');
    expect(closeAction(CLOSE_CODES.lagged)).toBe('reconnect');
    expect(closeAction(CLOSE_CODES.forbidden)).toBe('terminal');
  });

  it('puts every private code the gateway sends inside a range', () => {
    for (const [name, code] of Object.entries(CLOSE_CODES)) {
      if (code < 4000) continue;
      const inRange = Object.values(CLOSE_RANGES).some((r) => code >= r.min && code <= r.max);
      expect(inRange, `${name} ${code}`).toBe(true);
    }
  });

  it('reads standard codes as RFC 6455 means them: going away, abnormal, server error, restart, try later reconnect; protocol, data, policy, size, extension, TLS errors are terminal', () => {
    for (const c of [1000, 1001, 1005, 1006, 1011, 1012, 1013, 1014]) expect(closeAction(c), String(c)).toBe('reconnect');
    for (const c of [1002, 1003, 1007, 1008, 1009, 1010, 1015]) expect(closeAction(c), String(c)).toBe('terminal');
  });

  it('reconnects (with backoff) on codes no range defines: a library’s 3xxx, a private code past 4199', () => {
    for (const c of [3000, 3999, 4200, 4999]) expect(closeAction(c), String(c)).toBe('reconnect');
  });

  it('keeps the old forbidden code 4003 terminal for one version (it sits in the reconnect range)', () => {
    expect(LEGACY_CLOSE_CODES[4003]).toBe(CLOSE_CODES.forbidden);
    expect(closeAction(4003)).toBe('terminal');
  });
});

describe('error frames', () => {
  it('mark exactly the errors a retry can cure as temporary', () => {
    const temporary = ERROR_CODES.filter((c) => ERROR_TEMPORARY[c]);
    expect(temporary.sort()).toEqual(['internal', 'rate_limited']);
  });

  it('must carry temporary when the gateway builds them (strict schema)', () => {
    expect(errorSchema.safeParse({ op: 'error', code: 'internal', message: 'x' }).success).toBe(false);
    expect(errorSchema.safeParse({ op: 'error', code: 'internal', message: 'x', temporary: true }).success).toBe(true);
  });

  it('are read by clients with any code and with or without temporary (a newer or an older gateway)', () => {
    const newer = serverMessageSchemaForClients.safeParse({ op: 'error', code: 'quota_exceeded', message: 'x', temporary: true, retryAfterMs: 5 });
    expect(newer.success && newer.data).toEqual({ op: 'error', code: 'quota_exceeded', message: 'x', temporary: true });
    const older = serverMessageSchemaForClients.safeParse({ op: 'error', code: 'bad_message', message: 'x' });
    expect(older.success && older.data).toEqual({ op: 'error', code: 'bad_message', message: 'x' });
    expect(serverMessageSchemaForClients.safeParse({ op: 'error', code: '', message: 'x' }).success).toBe(false);
  });
});
