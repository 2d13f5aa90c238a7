/**
 * The people, bodies, places and sources of the Kazakhstan seed story, named
 * once so every update attributes them identically. Names use the usual
 * English spellings (the seed text is a translation: "Kassym-Shomart",
 * "Massimow").
 */
import type { Actor, Organisation, Place, Source } from '../index.ts';

export const STORY_ID = 'kz-unrest-2022';

export const tokayev: Actor = { name: 'Kassym-Jomart Tokayev', title: 'President of Kazakhstan', country: 'KZ' };
export const nazarbayev: Actor = {
  name: 'Nursultan Nazarbayev',
  title: 'former President of Kazakhstan, Tokayev’s predecessor (resigned 2019)',
  country: 'KZ',
  age: 81,
};
export const putin: Actor = { name: 'Vladimir Putin', title: 'President of Russia', country: 'RU' };
export const authorities: Actor = { title: 'the authorities', country: 'KZ' };

/** "A Russian-led military alliance, which also includes Armenia, Belarus, Kyrgyzstan and Tajikistan." */
export const csto: Organisation = {
  name: 'Collective Security Treaty Organization',
  acronym: 'CSTO',
  ledBy: 'RU',
  members: ['RU', 'KZ', 'AM', 'BY', 'KG', 'TJ'],
};

export const kazakhstan: Place = { country: 'KZ', scope: 'nationwide' };
export const almaty: Place = { country: 'KZ', scope: 'local', city: 'Almaty' };

/** The wire's own reporting: facts the text states without naming a source. */
export const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
export const interiorMinistryViaStateTv: Source = {
  name: 'Interior Ministry',
  role: 'government',
  via: [{ name: 'state television', role: 'state-media' }],
};
export const theAuthorities: Source = { name: 'the authorities', role: 'government' };
export const khabar24: Source = { name: 'Khabar 24', role: 'state-media', title: 'state broadcaster' };
export const childRightsOfficer: Source = {
  name: 'Arushan Sain',
  role: 'official',
  title: 'Kazakhstan’s child rights officer',
};
export const stateMedia: Source = { name: 'state media', role: 'state-media' };
export const kremlin: Source = { name: 'the Kremlin', role: 'government' };
export const kremlinStatement: Source = { name: 'the Kremlin', role: 'government', title: 'Kremlin statement' };
export const socialNetworks: Source = { name: 'videos on social networks', role: 'social-media' };
