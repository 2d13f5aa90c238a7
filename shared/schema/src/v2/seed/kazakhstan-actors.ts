/**
 * The people, bodies, places and sources of the Kazakhstan seed story in v2,
 * named once so every update refers to them identically. Names use the usual
 * English spellings; the seed text's spellings are kept as aliases.
 */
import type { Actor } from '../actor.ts';
import type { Place } from '../place.ts';
import type { Source } from '../source.ts';
import type { Instant } from '../time.ts';

export const STORY_ID = 'kz-unrest-2022';
export const ZONE = 'Asia/Almaty';

/** The wire report is of Saturday 8 January 2022; no time of day is given, so none is invented. */
export const SATURDAY: Instant = { date: '2022-01-08', zone: ZONE };
export const FRIDAY: Instant = { date: '2022-01-07', zone: ZONE };
export const MONDAY: Instant = { date: '2022-01-10', zone: ZONE };

export const tokayev: Actor = {
  type: 'government',
  ref: 'kz:tokayev',
  name: 'Kassym-Jomart Tokayev',
  aliases: ['Kassym-Shomart Tokayev'],
  title: 'President of Kazakhstan',
  roles: ['head-of-state'],
  country: 'KZ',
};

/** 81, Tokayev's predecessor, resigned as president in 2019 (his resignation is its own update). */
export const nazarbayev: Actor = {
  type: 'government',
  ref: 'kz:nazarbayev',
  name: 'Nursultan Nazarbayev',
  title: 'former President of Kazakhstan',
  roles: ['former-head-of-state'],
  country: 'KZ',
  age: 81,
};

export const putin: Actor = {
  type: 'foreign-state',
  ref: 'ru:putin',
  name: 'Vladimir Putin',
  title: 'President of Russia',
  roles: ['head-of-state'],
  country: 'RU',
};

export const authorities: Actor = { type: 'government', title: 'the authorities', country: 'KZ' };
export const government: Actor = { type: 'government', title: 'the government', country: 'KZ' };
export const police: Actor = { type: 'state-forces', branch: 'police', country: 'KZ' };
export const army: Actor = { type: 'state-forces', branch: 'military', title: 'army', country: 'KZ' };

/** "A Russian-led military alliance, which also includes Armenia, Belarus, Kyrgyzstan and Tajikistan." */
export const csto: Actor = {
  type: 'international-organisation',
  ref: 'csto',
  name: 'Collective Security Treaty Organization',
  acronym: 'CSTO',
  ledBy: 'RU',
  members: ['RU', 'KZ', 'AM', 'BY', 'KG', 'TJ'],
};

export const kazakhstan: Place = { country: 'KZ' };
export const nationwide: Place = { country: 'KZ', extent: 'whole' };
export const almaty: Place = { country: 'KZ', city: 'Almaty' };

/** The wire's own reporting: facts the text states without naming a source. */
export const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
export const interiorMinistryViaStateTv: Source = {
  name: 'Interior Ministry',
  role: 'ministry',
  via: [{ name: 'state television', role: 'state-media' }],
};
export const theAuthorities: Source = { name: 'the authorities', role: 'government' };
export const khabar24: Source = { name: 'Khabar 24', role: 'state-media', title: 'state broadcaster' };
export const childRightsOfficer: Source = { name: 'Arushan Sain', role: 'official', title: 'Kazakhstan’s child rights officer' };
export const stateMedia: Source = { name: 'state media', role: 'state-media' };
export const kremlin: Source = { name: 'the Kremlin', role: 'foreign-government' };
export const kremlinStatement: Source = { name: 'the Kremlin', role: 'foreign-government', title: 'Kremlin statement' };
export const socialNetworks: Source = { name: 'videos on social networks', role: 'social-media' };
