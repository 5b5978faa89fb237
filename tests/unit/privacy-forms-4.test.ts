/**
 * The categories of misses and false positives of the fourth untuned part once it moved to
 * tuned/ (issue 19, round 5): a postcode in small letters after the label earlier in its
 * sentence, dates of birth with a French or German month or an English ordinal, a surname
 * with particles repeated where its last word alone says nothing ("Van Lier"), and "te"
 * before a town. Each test failed before. The examples are made up.
 */
import { describe, expect, it } from 'vitest';
import { covered, found } from '../privacy-found.js';

describe('postcode after its label earlier in the sentence', () => {
  it('reports a postcode in small letters whose label stands further back in the sentence', () => {
    expect(covered('De postcode klopt niet, het moet zijn 6823 ga volgens meneer.', 'privacy/address')).toEqual(['6823 ga']);
    expect(covered('Postcode in het systeem aanpassen naar 7311 bk graag.', 'privacy/address')).toEqual(['7311 bk']);
  });

  it('not when the label is in an earlier sentence', () => {
    expect(covered('De postcode staat in het dossier. Meneer zei toen: 2015 ga ik verhuizen.', 'privacy/address')).toEqual([]);
  });
});

describe('dates of birth in other languages', () => {
  it.each([
    ['a French month', 'Geboren 20 mars 1977 in Lyon.', 'error 20 mars 1977'],
    ['a French month with an accent', 'Née le 3 février 1969, geboren dus in Frankrijk.', 'error 3 février 1969'],
    ['a German month after a dotted day', 'Geburtsdatum, geboren 3. März 1980 in Köln.', 'error 3. März 1980'],
    ['an English ordinal', 'Date of birth (geboren): 14th February 1993.', 'error 14th February 1993'],
  ])('%s', (_form, text, expected) => {
    expect(found(text, 'privacy/birthdate')).toEqual([expected]);
  });

  it('the same date written again in another form is the date of birth again', () => {
    expect(found('Geboren 20 mars 1977, ze schreef het zelf op als 20-03-1977. Gesprek op 20-04-1977.', 'privacy/birthdate'))
      .toEqual(['error 20 mars 1977', 'warning 20-03-1977', 'info 20-04-1977']);
    expect(found('Geboortedatum 7 juli 1950; op het formulier van de bank staat het als 1950-07-07.', 'privacy/birthdate'))
      .toEqual(['error 7 juli 1950', 'warning 1950-07-07']);
  });

  it('"mars" without a day and a year is a word', () => {
    expect(found('Geboren voor de mars van 1977 door de stad.', 'privacy/birthdate')).toEqual([]);
  });
});

describe('a surname with particles, repeated', () => {
  it('after a colon, in either case, once the full name was in the text', () => {
    expect(covered('Onderwerp: Van Lier / zorgmachtiging\n\nUw cliënte Yvonne van Lier verblijft in de kliniek.', 'privacy/name')).toEqual(['Van Lier', 'Yvonne van Lier']);
  });

  it('after "casus", where the last word alone is an ordinary word', () => {
    expect(covered('Verslag, casus Van Wijk\n\nAanwezig: Sandra van Wijk (moeder).', 'privacy/name')).toEqual(['Van Wijk', 'Sandra van Wijk']);
  });

  it('not the last word on its own, nor the particles in another phrase', () => {
    expect(covered('Yvonne van Lier woont in de wijk. De wijk is rustig, van Wijkteam geen nieuws.', 'privacy/name')).toEqual(['Yvonne van Lier']);
  });
});

describe('"te" before a town', () => {
  it('is a place, not a particle and a surname', () => {
    expect(covered('Meneer is geboren te Kampen en woont nu te Hoogeveen.', 'privacy/name')).toEqual([]);
  });

  it('a surname with "te" after a title or a first name is still a name', () => {
    expect(covered('Gesprek met mevrouw te Velde en met Anna te Kampen.', 'privacy/name')).toEqual(['mevrouw te Velde', 'Anna te Kampen']);
  });
});

describe('Dutch compounds and e-mail closings are no names', () => {
  it('a long compound of two Dutch words after a particle or a role', () => {
    expect(covered('Ze belt met de mensen van de Mantelzorgcentrale en van de Luisterlijn.', 'privacy/name')).toEqual([]);
    expect(covered('Gijs Bongers\nTeamleider Schulddienstverlening\nen verder niets.', 'privacy/name')).toEqual(['Gijs Bongers']);
  });

  it('a surname that only starts like a word is still one', () => {
    expect(covered('Teamleider Doorakkers zegt dat het goed gaat.', 'privacy/name')).toEqual(['Doorakkers']);
  });

  it('a closing word before a comma and a first name', () => {
    expect(covered('Tot morgen.\n\nThanks, Sven', 'privacy/name')).toEqual([]);
    expect(covered('Cheers, Sven', 'privacy/name')).toEqual([]);
  });
});

describe('a street whose name is an ordinary word, after a town and a comma', () => {
  it('is a street with its number', () => {
    expect(covered('U krijgt een woning in de gemeente Coevorden, Markt 12-B. Welkom.', 'privacy/address')).toEqual(['Markt 12-B']);
    expect(covered('Ze woont in Utrecht, Dam 7, op de tweede verdieping.', 'privacy/address')).toEqual(['Dam 7']);
  });

  it('not before a year, nor without the town', () => {
    expect(covered('In Utrecht, Plein 1992 was het anders.', 'privacy/address')).toEqual([]);
    expect(covered('Het gaat om de zaak, Markt 3 keer per week.', 'privacy/address')).toEqual([]);
  });
});
