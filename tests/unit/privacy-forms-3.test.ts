/**
 * Structured identifiers found by their shape (issue 19, round 4), from the categories of
 * the misses of the third untuned part once it moved to tuned/: an IBAN with a character
 * too many or a space after its country code, a postcode in small letters on its own line
 * or beside a town, a phone number with a slash; and a house-number label after a street.
 * The shape finds the number, the check only decides between error and warning. Each test
 * failed before. The examples are made up.
 */
import { describe, expect, it } from 'vitest';
import { covered, found } from '../privacy-found.js';

describe('IBAN by its shape', () => {
  it.each([
    ['a space after the country code', 'Haar rekening: NL 91 ABNA 0417 1643 00.', 'error NL 91 ABNA 0417 1643 00'],
    ['small letters and dashes', 'Overmaken naar nl91-abna-0417-1643-00 graag.', 'error nl91-abna-0417-1643-00'],
    ['dots between the groups', 'Rekening NL91.ABNA.0417.1643.00 is geblokkeerd.', 'error NL91.ABNA.0417.1643.00'],
    ['a digit too many after a label', 'We hebben uw rekeningnummer aangepast naar NL91 ABNA 0417 1643 001. Klopt dit?', 'warning NL91 ABNA 0417 1643 001'],
    ['a digit missing after a label', 'IBAN NL91 ABNA 0417 1643 0 t.n.v. de heer.', 'warning NL91 ABNA 0417 1643 0'],
    ['two digits missing after a label', 'Bankrekening: NL91 ABNA 0417 1643, zegt ze.', 'warning NL91 ABNA 0417 1643'],
    ['failing the check without a label', 'Het geld gaat naar NL92 ABNA 0417 1643 00 voortaan.', 'warning NL92 ABNA 0417 1643 00'],
    ['a digit too many without a label', 'Het geld gaat naar NL91ABNA04171643001 voortaan.', 'warning NL91ABNA04171643001'],
    ['another country', 'Zijn Belgische rekening BE68 5390 0754 7034 loopt nog.', 'error BE68 5390 0754 7034'],
  ])('%s', (_form, text, expected) => {
    expect(found(text, 'privacy/iban')).toEqual([expected]);
  });

  it('not a placeholder, a code without digits, or words and numbers that only start like one', () => {
    expect(found('IBAN: NL00 BANK 0000 0000 00', 'privacy/iban')).toEqual([]);
    expect(found('Zie NL12 BANK REKENING nu.', 'privacy/iban')).toEqual([]);
    expect(found('Vanaf de 12 maart 2024 om 14 uur, zaal 3.', 'privacy/iban')).toEqual([]);
    expect(found('Sinds DE12 in gebruik, 4 keer per jaar.', 'privacy/iban')).toEqual([]);
    // Two digits missing without a label is no longer an IBAN's shape.
    expect(found('Het gaat om NL91 ABNA 0417 1643 en meer.', 'privacy/iban')).toEqual([]);
  });

  it('an IBAN written with a space after its country code is no phone number', () => {
    expect(found('Rekening NL 91 ABNA 0417 1643 00.', 'privacy/phone')).toEqual([]);
  });
});

describe('postcodes in small letters by their place', () => {
  it.each([
    ['on a line of its own under the street', 'Dhr. Smit\nHoofdweg 12\n7201 lk Zutphen', '7201 lk'],
    ['on a line of its own without a street', 'Aan de bewoner\n7201 lk\nZutphen', '7201 lk'],
    ['after a town, in brackets', 'Wonen: huurwoning, Grachtstraat 18a, Maastricht (6221 hk).', '6221 hk'],
    ['after a label', 'Postcode: 7201 lk, huisnummer onbekend.', '7201 lk'],
    ['before a town', 'Ze verhuist in mei naar 7201 lk Zutphen.', '7201 lk'],
    ['in mixed case after a street', 'Adres: Kerkweg 4, 7201 Lk Zutphen.', '7201 Lk'],
  ])('%s', (_form, text, postcode) => {
    expect(covered(text, 'privacy/address')).toContain(postcode);
  });

  it('not a year before a small word, nor before an ordinary word', () => {
    for (const text of ['De Wmo 2015 en de wet uit 1989 in werking.', 'Sinds 2019\n2020 is ze alleen.', 'In Zutphen 2019 al gemeld.', 'Vanaf 2015 aan het werk.']) {
      expect(found(text, 'privacy/address'), text).toEqual([]);
    }
  });
});

describe('street and house number with a label or a spaced letter', () => {
  it.each([
    ['"huisnummer" between street and number', 'Huisbezoek dhr. Smit, Beukenstraat huisnummer 7, 7701 AX Dedemsvaart.', 'Beukenstraat huisnummer 7'],
    ['"nr." between street and number', 'Mw. Bos, 81, Dorpspad nr. 3, Kootwijk.', 'Dorpspad nr. 3'],
    ['a capital letter after a space, before a comma and a postcode', 'Zandbaan 19 C, 3011 VA Rotterdam', 'Zandbaan 19 C'],
  ])('%s', (_form, text, street) => {
    expect(covered(text, 'privacy/address')).toContain(street);
  });

  it('not a label and number without a street', () => {
    expect(found('Dossier nr. 12 en Kamer nummer 4, zie ook nummer 5 van de lijst.', 'privacy/address')).toEqual([]);
  });
});

describe('phone numbers by their shape', () => {
  it('a slash between the groups', () => {
    expect(found('Telefoonnummer mw: 06/33 41 20 98.', 'privacy/phone')).toEqual(['error 06/33 41 20 98']);
  });

  it('two numbers with a slash and spaces between them stay two', () => {
    expect(covered('Tel. (070) 345 67 89 / 0031 6 48 20 11 93', 'privacy/phone')).toEqual(['(070) 345 67 89', '0031 6 48 20 11 93']);
  });

  it.each([
    ['a short label at the start of the line', 'T: 012-3456789'],
    ['an e-mail address on the same line', 'Dochter Fatima | 012 345 6789 | fatima@voorbeeld.nl'],
    ['a phone label elsewhere on a short line', 'Mobiel dochter (alleen na 17 uur): 012 345 6789'],
  ])('a number the plan does not know in a contact line: %s', (_form, text) => {
    expect(found(text, 'privacy/phone')).toEqual([`warning ${/0[\d -]+\d/.exec(text)![0]}`]);
  });

  it.each([
    ['"bereikbaar op"', 'Dochter is bereikbaar op 06-4127839.', 'warning 06-4127839'],
    ['"bel"', 'Bel haar op 06 4127 839 na vieren.', 'warning 06 4127 839'],
    ['"telnr."', 'Buurvrouw, telnr. 06-412 783 9', 'warning 06-412 783 9'],
  ])('a number a digit short after a verb or label of calling: %s', (_form, text, expected) => {
    expect(found(text, 'privacy/phone')).toEqual([expected]);
  });

  it('not a service line after a phone label, even one the plan rejects', () => {
    expect(found('Tel. 0800 023 4567 (gratis) of tel. 0800-0123.', 'privacy/phone')).toEqual([]);
  });

  it('not a date with slashes, nor such a number in running text', () => {
    expect(found('Gesprek op 06/12/2024 gebeld met tel. dochter.', 'privacy/phone')).toEqual([]);
    expect(found('Op 012 345 6789 stond niets in het dossier.', 'privacy/phone')).toEqual([]);
  });
});

describe('dates of birth by what stands before them', () => {
  // Ages and years relative to today, so that the test does not age.
  const year = new Date().getFullYear() - 40;
  it.each([
    ['an age in years in brackets', `Hun zoon (40 jaar, 12.06.${year}) woont thuis.`, `12.06.${year}`],
    ['a bare age after "man"', `Casus: man, 40, 3-8-${year}, verward gedrag.`, `3-8-${year}`],
    ['the sign of birth', `Mw. Ter Horst (* 23-04-${year}) woont alleen.`, `23-04-${year}`],
  ])('%s', (_form, text, date) => {
    expect(found(text, 'privacy/birthdate')).toEqual([`warning ${date}`]);
  });

  it('"verjaardag" is a word of birth', () => {
    expect(found(`Begeleiding vanaf zijn verjaardag, 14 september ${year}.`, 'privacy/birthdate')).toEqual([`error 14 september ${year}`]);
  });

  it('not an age that does not fit the year, nor a number that is no age', () => {
    expect(found(`Ze werkte 20 jaar, 01-01-${year} tot nu.`, 'privacy/birthdate')).toEqual([`info 01-01-${year}`]);
    expect(found(`Groep 4, 12-03-${year} vergadering.`, 'privacy/birthdate')).toEqual([`info 12-03-${year}`]);
  });
});
