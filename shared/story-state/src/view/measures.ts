/**
 * Measures in force, announced or lifted, each with its extensions,
 * amendments and lift, in event-time order.
 */
import { currentVersionOf, formatPlace, type DerivedState, type Period } from '@newswire/schema/v2';
import type { Item } from '../item.ts';
import { compareAt } from '../position.ts';
import { compareWhen, isLive, sourcesText, stands } from './common.ts';
import type { MeasureEvent, MeasureView } from './types.ts';

const ENDED = new Set(['lifted', 'ended', 'restored']);
const NOT_YET = new Set(['proposed', 'announced']);
const FOLLOW_ON = new Set(['lifts', 'extends', 'amends']);

function measurePayload(item: Item): { measure: string; status: string; period?: Period } {
  const p = item.payload as { measure?: string; status?: string; service?: string; state?: string; period?: Period };
  if (item.kind === 'connectivity') return { measure: `connectivity:${p.service}`, status: p.state ?? 'unknown', ...(p.period && { period: p.period }) };
  return { measure: p.measure ?? 'unknown', status: p.status ?? 'unknown', ...(p.period && { period: p.period }) };
}

function measureEvent(item: Item): MeasureEvent {
  const m = measurePayload(item);
  const e: MeasureEvent = { id: item.id, at: item.at, headline: item.headline, reported: item.reported, status: m.status };
  if (item.occurred) e.occurred = item.occurred;
  if (m.period) e.period = m.period;
  return e;
}

export function measureViews(items: readonly Item[], byId: Map<string, Item>, states: Map<string, DerivedState>): MeasureView[] {
  const out: MeasureView[] = [];
  const events = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined && stands(i, states.get(i.id))).sort((a, b) => compareAt(a.at, b.at)).map(measureEvent);
  for (const item of items) {
    const s = states.get(item.id);
    if (item.category !== 'measures' || !stands(item, s)) continue;
    const link = item.relations?.find((r) => FOLLOW_ON.has(r.type));
    // A lift or extension is shown with its declaration, unless the state does not hold that.
    if (link && isLive(states.get(currentVersionOf(link.to, states)))) continue;
    const m = measurePayload(item);
    const extensions = events(s!.extendedBy);
    const amendments = events(s!.amendedBy);
    const lifter = s!.liftedBy !== undefined ? byId.get(s!.liftedBy) : undefined;
    const state: MeasureView['state'] = s!.status === 'lifted' || ENDED.has(m.status) ? 'lifted' : NOT_YET.has(m.status) ? 'announced' : 'in-force';
    const view: MeasureView = {
      id: item.id,
      at: item.at,
      kind: item.kind,
      measure: m.measure,
      state,
      status: m.status,
      headline: item.headline,
      place: item.place,
      placeText: formatPlace(item.place),
      source: sourcesText(item),
      reported: item.reported,
      extensions,
      amendments,
      payload: item.payload,
    };
    if (item.occurred) view.occurred = item.occurred;
    if (m.period) view.period = m.period;
    const current = [...extensions].reverse().find((e) => e.period)?.period ?? m.period;
    if (current) view.currentPeriod = current;
    if (lifter) view.lift = measureEvent(lifter);
    if (link) view.target = link.to;
    out.push(view);
  }
  return out.sort((a, b) => compareWhen(a.occurred ?? a.reported, b.occurred ?? b.reported) || compareAt(a.at, b.at));
}
