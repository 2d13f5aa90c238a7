/** Facts about events beyond politics and force: disasters and commemorations. */
import type { UpdateOf } from '@newswire/schema/v2';
import { formatLocal, formatPeriod } from '../when.ts';
import { actorWords } from './actors.ts';
import { figureScope, formatAmount } from './quantities.ts';
import { capitalise, w } from './text.ts';

export function disaster(u: UpdateOf<'disaster'>): string {
  const p = u.payload;
  return [
    `${capitalise(w(p.hazard))}${p.name ? ` “${p.name}”` : ''}${p.status ? ` (${w(p.status)})` : ''}`,
    p.magnitude ? `magnitude ${p.magnitude.value} (${w(p.magnitude.scale)})` : '',
    p.depthKm !== undefined ? `${p.depthKm} km deep` : '',
    p.affected ? `${formatAmount(p.affected)} affected (${figureScope(p.affected, u.reported)})` : '',
    ...(p.damaged ?? []).map((d) => `${formatAmount(d.count)} ${w(d.what)} damaged`),
  ]
    .filter(Boolean)
    .join(', ');
}

export function commemoration(u: UpdateOf<'commemoration'>): string {
  const p = u.payload;
  return [
    `${capitalise(w(p.type))} for ${p.honouring}`,
    p.on ? `on ${formatLocal(p.on)}` : '',
    p.period ? formatPeriod(p.period) : '',
    p.orderedBy ? `ordered by ${actorWords(p.orderedBy)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
