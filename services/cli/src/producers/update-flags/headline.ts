/** The headline an update gets when --headline is not given: the first figure, or what happened. */
import { figuresOf, formatQuantity, type Kind, type KindAndPayload } from '@newswire/schema/v2';
import type { Json } from './json.ts';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The field that says what happened, for a default headline. */
const WHAT = ['action', 'measure', 'movement', 'stage', 'event', 'activity', 'hazard', 'type', 'service', 'status'];

/** A plain headline from the facts, for when --headline is not given: "More than 4,400 arrested", "Curfew: declared". */
export function defaultHeadline(kind: Kind, payload: Json): string {
  try {
    const [first] = figuresOf({ kind, payload } as KindAndPayload);
    if (first) return cap(`${formatQuantity(first.figure)} ${first.metric}`);
  } catch {
    // An incomplete payload: the schema will say what is missing.
  }
  const what = WHAT.map((k) => payload[k]).find((v): v is string => typeof v === 'string');
  const label = cap(kind.replace(/-/g, ' '));
  return what ? `${label}: ${what.replace(/-/g, ' ')}` : label;
}
