/**
 * Every structured field of a v2 update in plain words: figures keep their
 * qualifier, range or vague word ("more than 4,400", "between 30 and 50",
 * "dozens"); a figure says whether it counts one incident or is a running
 * toll, and as of when; actors say who they are; periods say what was said.
 * Pure functions, no DOM: used by the views and the unit tests.
 *
 * This module is what the page imports: the kind labels and the one-line
 * summary of each kind are here; the words for each part live in words/.
 */
import type { Kind, Update } from '@newswire/schema/v2';
import { formatInstantWords } from './when.ts';
import { commemoration, disaster } from './words/facts-events.ts';
import { diplomacy, foreignMilitary } from './words/facts-foreign.ts';
import { arrests, casualties, displacement } from './words/facts-people.ts';
import { coup, election, leaderMovement } from './words/facts-politics.ts';
import { armedConflict, attack, connectivity, propertyAttack, securityOperation, unrest } from './words/facts-security.ts';
import { governmentChange } from './words/government.ts';
import { measureWords } from './words/measures.ts';

export { actorsWords, actorWords, perpetratorWords } from './words/actors.ts';
export { describeGovernmentChange } from './words/government.ts';
export { measureDetails, measureWords } from './words/measures.ts';
export { formatPlaceWords } from './words/places.ts';
export { describeAmount, figureScope, formatAmount } from './words/quantities.ts';
export { evidenceWords, formatSourcesWords, formatSourceWords } from './words/sources.ts';
export { w } from './words/text.ts';

export const KIND_LABELS: Record<Kind, string> = {
  arrests: 'Arrests',
  casualties: 'Casualties',
  displacement: 'Displacement',
  'government-change': 'Government',
  coup: 'Coup',
  election: 'Election',
  'leader-movement': 'Leader',
  'security-measure': 'Security measure',
  'security-operation': 'Security forces',
  connectivity: 'Connectivity',
  'armed-conflict': 'Armed conflict',
  attack: 'Attack',
  'foreign-military': 'Foreign military',
  diplomacy: 'Diplomacy',
  unrest: 'Unrest',
  'property-attack': 'Property attack',
  disaster: 'Disaster',
  commemoration: 'Commemoration',
};

/** One line of facts from the payload, in plain words. */
export function summarize(u: Update): string {
  switch (u.kind) {
    case 'arrests':
      return arrests(u);
    case 'casualties':
      return casualties(u);
    case 'displacement':
      return displacement(u);
    case 'government-change':
      return governmentChange(u);
    case 'coup':
      return coup(u);
    case 'election':
      return election(u);
    case 'leader-movement':
      return leaderMovement(u);
    case 'security-measure':
      return measureWords(u.payload);
    case 'security-operation':
      return securityOperation(u);
    case 'connectivity':
      return connectivity(u);
    case 'armed-conflict':
      return armedConflict(u);
    case 'attack':
      return attack(u);
    case 'foreign-military':
      return foreignMilitary(u);
    case 'diplomacy':
      return diplomacy(u);
    case 'unrest':
      return unrest(u);
    case 'property-attack':
      return propertyAttack(u);
    case 'disaster':
      return disaster(u);
    case 'commemoration':
      return commemoration(u);
  }
}

export { formatInstantWords };
