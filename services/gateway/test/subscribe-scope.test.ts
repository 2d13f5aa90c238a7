/**
 * What a subscribe may read, on its own: topics and kinds resolved against
 * the served topics and the token's grant. Omitted topics or kinds narrow to
 * the grant, explicit ones beyond it are refused, and an empty grant list
 * grants nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubscribeMessage } from '@newswire/protocol';
import { newswireTopics } from '@newswire/schema';
import { KINDS, topicForKind, type Kind } from '@newswire/schema/v2';
import type { Grant } from '../src/auth.ts';
import { compileFilter } from '../src/filter.ts';
import { fitsGrant, resolveScope, type Scope } from '../src/subscribe-scope.ts';

const PREFIX = 'wire';
const t = (kind: Kind) => topicForKind(kind, PREFIX);
/** A served topic that is not a newswire topic (no kinds known for it). */
const FOREIGN = 'partner.feed';
const SERVED = [...newswireTopics(PREFIX), FOREIGN];

const sub = (rest: Omit<SubscribeMessage, 'op' | 'id'> = {}): SubscribeMessage => ({ op: 'subscribe', id: 's1', ...rest });
const grant = (g: { topics?: string[]; kinds?: string[] }): Grant => ({ subject: 'tester', topics: g.topics ? new Set(g.topics) : null, kinds: g.kinds ? new Set(g.kinds) : null, expiresAt: undefined });
const resolve = (msg: SubscribeMessage, g: Grant | null = null): Scope => resolveScope(msg, SERVED, g, PREFIX);

describe('resolveScope without a grant', () => {
  it('no topics and no kinds: every served topic, no filter', () => {
    expect(resolve(sub())).toEqual({ ok: true, topics: SERVED, filter: {} });
  });

  it('kinds without topics: the topics of those kinds under the prefix, each once', () => {
    const r = resolve(sub({ filter: { kinds: ['arrests', 'unrest', 'commemoration'] } }));
    expect(r).toEqual({ ok: true, topics: [t('arrests'), t('unrest')], filter: { kinds: ['arrests', 'unrest', 'commemoration'] } });
  });

  it('explicit topics: deduplicated, and a topic this gateway does not serve is unknown_topic naming it', () => {
    expect(resolve(sub({ topics: [t('arrests'), t('arrests'), FOREIGN] }))).toMatchObject({ ok: true, topics: [t('arrests'), FOREIGN] });
    expect(resolve(sub({ topics: [t('arrests'), 'newswire.arrests'] }))).toEqual({ ok: false, code: 'unknown_topic', message: 'not served here: newswire.arrests' });
  });

  it('explicit topics with kinds: a newswire topic carrying none of the kinds is dropped, a foreign topic kept', () => {
    const r = resolve(sub({ topics: [t('arrests'), t('unrest'), FOREIGN], filter: { kinds: ['unrest'] } }));
    expect(r).toMatchObject({ ok: true, topics: [t('unrest'), FOREIGN] });
  });

  it('explicit topics none of which carries the kinds asked for: kept as asked (the client chose both)', () => {
    expect(resolve(sub({ topics: [t('arrests')], filter: { kinds: ['unrest'] } }))).toMatchObject({ ok: true, topics: [t('arrests')] });
  });

  it('kinds whose topics are not served: forbidden, not every topic', () => {
    const r = resolveScope(sub({ filter: { kinds: ['unrest'] } }), [t('arrests')], null, PREFIX);
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('resolveScope with a grant', () => {
  it('an empty topics or kinds grant grants nothing', () => {
    expect(resolve(sub(), grant({ topics: [] }))).toEqual({ ok: false, code: 'forbidden', message: 'your token grants no topic' });
    expect(resolve(sub(), grant({ kinds: [] }))).toEqual({ ok: false, code: 'forbidden', message: 'your token grants no kind' });
    expect(resolve(sub({ topics: [t('arrests')], filter: { kinds: ['arrests'] } }), grant({ topics: [], kinds: ['arrests'] }))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('kinds asked beyond the grant are refused, naming them', () => {
    const r = resolve(sub({ filter: { kinds: ['arrests', 'unrest', 'coup'] } }), grant({ kinds: ['arrests'] }));
    expect(r).toEqual({ ok: false, code: 'forbidden', message: 'kinds not allowed by your token: unrest, coup' });
  });

  it('no kinds asked: narrowed to the granted kinds and their topics', () => {
    const r = resolve(sub({ filter: { countries: ['KZ'] } }), grant({ kinds: ['arrests', 'unrest'] }));
    expect(r).toEqual({ ok: true, topics: [t('arrests'), t('unrest')], filter: { countries: ['KZ'], kinds: ['arrests', 'unrest'] } });
  });

  it('narrowing never changes the message it was given', () => {
    const msg = sub({ filter: { countries: ['KZ'] } });
    resolve(msg, grant({ kinds: ['arrests'] }));
    expect(msg.filter).toEqual({ countries: ['KZ'] });
  });

  it('granted kinds carried by none of the topics asked for: forbidden rather than silence', () => {
    expect(resolve(sub({ topics: [t('arrests')] }), grant({ kinds: ['unrest'] }))).toEqual({ ok: false, code: 'forbidden', message: 'your token allows no kind carried by these topics' });
  });

  it('topics asked beyond the grant are refused; no topics asked: narrowed to the granted ones', () => {
    expect(resolve(sub({ topics: [t('arrests'), t('unrest')] }), grant({ topics: [t('arrests')] }))).toEqual({ ok: false, code: 'forbidden', message: `topics not allowed by your token: ${t('unrest')}` });
    expect(resolve(sub(), grant({ topics: [t('arrests'), FOREIGN] }))).toMatchObject({ ok: true, topics: [t('arrests'), FOREIGN] });
  });

  it('kinds whose topics are outside the topic grant: forbidden', () => {
    expect(resolve(sub({ filter: { kinds: ['unrest'] } }), grant({ topics: [t('arrests')] }))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('whatever is asked, an accepted scope stays inside the served topics and the grant', () => {
    const kinds = fc.uniqueArray(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 5 });
    const topics = fc.uniqueArray(fc.constantFrom(...SERVED, 'wire.unknown'), { minLength: 1, maxLength: 4 });
    const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    fc.assert(
      fc.property(optional(topics), optional(kinds), optional(fc.uniqueArray(fc.constantFrom(...SERVED), { maxLength: 3 })), optional(fc.uniqueArray(fc.constantFrom(...KINDS), { maxLength: 4 })), (askTopics, askKinds, grantTopics, grantKinds) => {
        const msg = sub({ ...(askTopics ? { topics: askTopics } : {}), ...(askKinds ? { filter: { kinds: askKinds } } : {}) });
        const g = grantTopics === undefined && grantKinds === undefined ? null : grant({ ...(grantTopics ? { topics: grantTopics } : {}), ...(grantKinds ? { kinds: grantKinds } : {}) });
        const r = resolve(msg, g);
        if (!r.ok) return;
        expect(r.topics.length).toBeGreaterThan(0);
        for (const topic of r.topics) expect(SERVED).toContain(topic);
        if (g?.topics) for (const topic of r.topics) expect(g.topics.has(topic)).toBe(true);
        if (g?.kinds) {
          expect(r.filter.kinds).toBeDefined();
          for (const k of r.filter.kinds!) expect(g.kinds.has(k)).toBe(true);
        }
        // What the scope reads fits the grant by the same rule a new token is checked with.
        expect(fitsGrant(r.topics, compileFilter(r.filter), g)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fitsGrant', () => {
  const arrests = [t('arrests')];
  it('no grant (auth off): everything fits', () => {
    expect(fitsGrant(SERVED, compileFilter({}), null)).toBe(true);
  });

  it('every topic must be granted', () => {
    expect(fitsGrant(arrests, compileFilter({}), grant({ topics: arrests }))).toBe(true);
    expect(fitsGrant([...arrests, FOREIGN], compileFilter({}), grant({ topics: arrests }))).toBe(false);
    expect(fitsGrant(arrests, compileFilter({}), grant({ topics: [] }))).toBe(false);
  });

  it('with a kinds grant, the subscription must name kinds, all of them granted', () => {
    const g = grant({ kinds: ['arrests', 'unrest'] });
    expect(fitsGrant(arrests, compileFilter({ kinds: ['arrests'] }), g)).toBe(true);
    expect(fitsGrant(arrests, compileFilter({ kinds: ['arrests', 'coup'] }), g)).toBe(false);
    // No kind filter reads every kind: more than the grant.
    expect(fitsGrant(arrests, compileFilter({}), g)).toBe(false);
    expect(fitsGrant(arrests, compileFilter({ kinds: ['arrests'] }), grant({ kinds: [] }))).toBe(false);
  });
});
