/**
 * The categories of misses and false positives of the seventh untuned part once it moved to
 * tuned/ (issue 19, round 8), and the forms around them that people write: dates of birth
 * with a month name in Romanian, Polish, Turkish, Spanish, Italian or Portuguese; children
 * listed by first name and date after "kinderen"/"kids"; a resident's Postbus under a name
 * with a nickname in brackets or called "eigen postbus"; a postcode in small letters in a
 * table column under "postcode"; an organisation's Postbus under a compound name. Each test
 * failed before; the guards beside them keep what must stay quiet. The examples are made up.
 */
import { describe, expect, it } from 'vitest';
import { covered, reportedCovered } from '../privacy-found.js';

const birth = (text: string): string[] => reportedCovered(text, 'privacy/birthdate');
const postcodes = (text: string): string[] => reportedCovered(text, 'privacy/address').filter((f) => /^\d{4}/.test(f));

describe('dates of birth with a month name from the papers people bring', () => {
  it.each([
    ['Romanian', 'Geboortedatum: 30 ianuarie 1987', '30 ianuarie 1987'],
    ['Romanian, November', 'geb. 4 noiembrie 1990', '4 noiembrie 1990'],
    ['Polish', 'data urodzenia / geb. 12 października 1985', '12 października 1985'],
    ['Polish, March', 'geboren 3 marca 1979', '3 marca 1979'],
    ['Turkish', 'doğum tarihi / geboren 15 Ağustos 1982', '15 Ağustos 1982'],
    ['Turkish, December', 'geb. 2 Aralık 1975', '2 Aralık 1975'],
    ['Spanish', 'geboren 7 de enero 1991'.replace(' de ', ' '), '7 enero 1991'],
    ['Italian', 'geb. 9 giugno 1968', '9 giugno 1968'],
    ['Portuguese', 'geboren 21 outubro 1984', '21 outubro 1984'],
    ['a month in Roman figures', 'geb. 2 II 1979', '2 II 1979'],
    ['a month in Roman figures with dots', 'geboren 14.XI.1983', '14.XI.1983'],
  ])('%s', (_language, text, date) => {
    expect(birth(text)).toContain(date);
  });

  it('a month in Roman figures without a cue is no date of birth', () => {
    expect(birth('Zij kwam op 2 II 1979 terug, zegt ze.')).toEqual([]);
  });

  it('the same day written again in figures is the date of birth too', () => {
    expect(birth('Geboortedatum: 30 ianuarie 1987 (staat zo op roemeens ID, = 30-01-1987)')).toEqual(['30 ianuarie 1987', '30-01-1987']);
  });
});

describe('children listed by first name and date', () => {
  it.each([
    ['under "Kinderen:" on lines of their own', 'De OTS is verlengd. Kinderen:\nMert 09-09-2015\nElif 23-01-2018\nVader woont in Leiden.', ['09-09-2015', '23-01-2018']],
    ['after "kinderen:" on one line', 'kinderen: Yohannes 10-10-2018, Meron 3-4-2021', ['10-10-2018', '3-4-2021']],
    ['in brackets after "kids", joined by "en"', '2 kids (Nour 12/12/2016 en Adam 03/08/2019)', ['12/12/2016', '03/08/2019']],
    ['after "de kinderen zijn"', 'De kinderen zijn Sem 4 mei 2014 en Lotte 19 juni 2017.', ['4 mei 2014', '19 juni 2017']],
    ['as a bulleted list', 'Kinderen:\n• Mert 09-09-2015\n• Elif 23-01-2018', ['09-09-2015', '23-01-2018']],
    ['with a dash between name and date', 'Kinderen: Mert - 09-09-2015; Elif - 23-01-2018', ['09-09-2015', '23-01-2018']],
    ['numbered', 'Kind 1: Mert 09-09-2015\nKind 2: Elif 23-01-2018', ['09-09-2015', '23-01-2018']],
    ['parents', 'Ouders: Ali 01-01-1980 en Fatma 02-02-1982', ['01-01-1980', '02-02-1982']],
    ['a father and a mother', 'Vader Ali 01-01-1980, moeder Fatma 02-02-1982', ['01-01-1980', '02-02-1982']],
  ])('%s', (_form, text, dates) => {
    expect(birth(text)).toEqual(dates);
  });

  it.each([
    ['a meeting after a list of children', 'Kinderen: Mert en Elif. Gesprek Maandag 09-09-2026 op school.'],
    ['a name and a date without children', 'Overleg met Jansen 09-09-2026 over de woning.'],
    ['a meeting this year with a mother named', 'Gesprek met moeder Fatma 02-02-2026 op school.'],
  ])('not %s', (_form, text) => {
    expect(birth(text)).toEqual([]);
  });
});

describe("a resident's own Postbus", () => {
  it('under a name with a nickname in brackets', () => {
    expect(postcodes('H.J. (Henk) Wassink\nPostbus 118\n7120 AC Aalten\n\nAan het college')).toEqual(['7120 AC']);
  });

  it.each([
    ['"eigen postbus" without a possessive', 'Woont op een woonboot, post via eigen postbus: Postbus 41, 1440 AA Purmerend.'],
    ['a "privé-postbus"', 'Hij gebruikt een privé-postbus: Postbus 41, 1440 AA Purmerend.'],
    ['"postadres cliënt"', 'Postadres cliënt: Postbus 41, 1440 AA Purmerend'],
  ])('%s', (_form, text) => {
    expect(postcodes(text)).toEqual(['1440 AA']);
  });

  it.each([
    ['an office named by a compound', 'Bewindvoerderskantoor Kompas\nPostbus 70\n3440 AB Woerden'],
    ['a practice named by a compound and a particle', 'Huisartsenpraktijk De Linde\nPostbus 46\n9200 AA Drachten'],
  ])("not an organisation's: %s", (_form, text) => {
    expect(postcodes(text)).toEqual([]);
  });
});

describe('a postcode in small letters in a table column', () => {
  it('under a header that names the postcode', () => {
    const table = '| cliënt | geb.datum | postcode | status |\n| B. Yeboah | 03-03-1979 | 1106 AS | WSNP |\n| S. Noori | 25-12-1996 | 1103 ra | wacht |';
    expect(postcodes(table)).toEqual(['1106 AS', '1103 ra']);
  });

  it('in columns of spaces', () => {
    const table = 'Naam       Postcode   Status\nS. Noori   1103 ra    wacht\nM. Kaya    1102 be    klaar';
    expect(covered(table, 'privacy/address')).toEqual(['1103 ra', '1102 be']);
  });

  it('after the label "pc"', () => {
    expect(postcodes('Adres bekend, pc 1103 ra')).toEqual(['1103 ra']);
  });

  it('not under a header without the postcode', () => {
    expect(postcodes('| jaar | aantal | code |\n| 2015 | 12 | 2015 en |')).toEqual([]);
  });
});
