/**
 * The categories of postcode and phone misses of the fifth untuned part once it moved to
 * tuned/ (issue 19, round 6), and the forms around them that people write: a resident's own
 * Postbus, a postcode whose letters are a word or a unit beside a town, a mobile number after
 * a word ending in -nummer, a phone label glued to its number, two numbers joined by a slash.
 * Each test failed before; the guards beside them keep what must stay quiet. The examples
 * are made up.
 */
import { describe, expect, it } from 'vitest';
import { covered, found } from '../privacy-found.js';

describe("a resident's own Postbus", () => {
  it.each([
    ['a possessive before it', 'Post gaat naar haar eigen postbus: Postbus 1234, 2800AB Gouda.', '2800AB'],
    ['"zijn postadres"', 'Zijn postadres is Postbus 45, 3700 KL Zeist.', '3700 KL'],
    ['an address block under a name with initials', 'A. Boukhari\nPostbus 88\n3700 AB Zeist\n\nGeachte heer,', '3700 AB'],
    ['an address block under a title and a name', 'Mevrouw Jansen\nPostbus 12\n2800 AB Gouda', '2800 AB'],
    ['a name before it on the same line', 'Dhr. P. de Wit, Postbus 7, 9700 AA Groningen', '9700 AA'],
  ])('%s', (_form, text, postcode) => {
    expect(found(text, 'privacy/address')).toContain(`error ${postcode}`);
  });

  it("not an organisation's Postbus, nor an Antwoordnummer", () => {
    for (const text of [
      'Gemeente Utrecht\nPostbus 16200\n3500 CE Utrecht',
      'Gemeente Utrecht, Postbus 16200, 3500 CE Utrecht',
      'Stuur uw bezwaar naar Postbus 16200, 3500 CE Utrecht.',
      'Stuur de stukken naar ons postadres: Postbus 90155, 5000 LE Tilburg.',
      'Mevrouw E. Dijkstra\np/a Bewindvoering Noord B.V.\nPostbus 1120\n9701 BC Groningen',
      'Gemeente Utrecht\nt.a.v. mevrouw Jansen\nPostbus 16200\n3500 CE Utrecht',
      'Mevrouw Jansen\nAntwoordnummer 123\n1000 VB Amsterdam',
    ]) {
      expect(covered(text, 'privacy/address'), text).toEqual([]);
    }
  });
});

describe('postcodes whose letters are a word or a unit', () => {
  it.each([
    ['a word, before a town with a district', 'Verhuisd naar 1102 ab Amsterdam-Zuidoost, Bijlmerdreef 1021.', '1102 ab'],
    ['a word, before a town', 'Ze verhuist 1 mei naar 5611 ah Eindhoven.', '5611 ah'],
    ['a word, after a town', 'Ze woont in Eindhoven (5611 ah).', '5611 ah'],
    ["before 's-Hertogenbosch", 'Ze woont sinds kort in 5211 ab \'s-Hertogenbosch.', '5211 ab'],
    ['a unit, after a street', 'Adres Ripperdastraat 3, 2011 kg Haarlem.', '2011 kg'],
  ])('%s', (_form, text, postcode) => {
    expect(covered(text, 'privacy/address')).toContain(postcode);
  });

  it('no weight, year or date', () => {
    for (const text of [
      'De weegbrug gaf 1200 kg aan.',
      'Het pakket woog 1234kg.',
      'Geboren op 3 mei 1988 te Amsterdam.',
      'Zij is geboren 12 okt. 1963 te Zwolle.',
      'Opgericht in 1995 NL en BE samen.',
      'Dat was in 2020 ZO geregeld.',
      'In 1989 is hij naar Utrecht verhuisd.',
    ]) {
      expect(covered(text, 'privacy/address'), text).toEqual([]);
    }
  });
});

describe('postcodes written with a dash, two spaces or something glued before', () => {
  it.each([
    ['a dash, before a town', 'Nieuw adres: 1234-AB Utrecht.', '1234-AB'],
    ['a dash, after the label', 'Postcode: 3512-je, huisnummer 4.', '3512-je'],
    ['two spaces, before a town', 'Zij woont in 3512  KL Utrecht.', '3512  KL'],
    ['a country prefix', 'Adres: Kerkstraat 12, NL-3512 JE Utrecht.', '3512 JE'],
    ['a comma without a space after the house number', 'Kerkstraat 12,3512 JE Utrecht', '3512 JE'],
  ])('%s', (_form, text, postcode) => {
    expect(covered(text, 'privacy/address')).toContain(postcode);
  });

  it('not a dash between a year and a word, nor a code that goes on', () => {
    for (const text of ['Het plan 2024-en-verder is klaar.', 'Zaak 2024 AB-12 is gesloten.', 'Het kost 1,2345 EUR per stuk.']) {
      expect(covered(text, 'privacy/address'), text).toEqual([]);
    }
  });
});

describe('phone numbers after a word ending in -nummer', () => {
  it.each([
    ['"NL-nummer"', 'Pools nummer +48 601 234 567, NL-nummer 06-2233 4455.', '06-2233 4455'],
    ['"crisisnummer" and a word', 'Crisisnummer broer: 06 55 44 33 22.', '06 55 44 33 22'],
    ['a number between the label and the phone number', 'Klantnummer 123456, bel 06-12345678.', '06-12345678'],
    ['a house number before it', 'Huisnummer 12, 06-12345678 is haar nummer.', '06-12345678'],
  ])('%s', (_form, text, phone) => {
    expect(covered(text, 'privacy/phone')).toContain(phone);
  });

  it('a label of another number still hides the number right after it', () => {
    for (const text of ['Klantnummer 0201234567 bij de energieleverancier.', 'Huurcontractnummer: 0844-2217-03', 'Factuur 0612345678 is betaald.', 'Zaaknummer 2024-012345 staat in het dossier.']) {
      expect(covered(text, 'privacy/phone'), text).toEqual([]);
    }
  });
});

describe('phone numbers in other ways of writing', () => {
  it.each([
    ['a label glued with a dot', 'Contact: tel.06-12345678', '06-12345678'],
    ['a label glued with a colon', 'mob:0612345678 (na 17 uur)', '0612345678'],
    ['a one-letter label glued', 'T.020-6241111 | M:06-24681357', '020-6241111'],
    ['a long label glued with a dot and a colon', 'telefoonnr.:06-12345678', '06-12345678'],
    ['a non-breaking hyphen', 'Tel 06\u201112345678', '06\u201112345678'],
    ['an em dash', 'Tel 020—6241111', '020—6241111'],
    ['two numbers joined by a slash', 'Nummers 06-12345678/020-1234567 allebei.', '020-1234567'],
    ['two spaces around a dash', 'Tel. 06 –  12345678', '06 –  12345678'],
    ['a German "Handy" number without country code that the plan rejects', 'Duits handy 0151 23456789', '0151 23456789'],
  ])('%s', (_form, text, phone) => {
    expect(covered(text, 'privacy/phone')).toContain(phone);
  });

  it('a label further back in the sentence makes a number the plan rejects a warning', () => {
    expect(found('Het telefoonnummer van haar moeder is 06-1234567.', 'privacy/phone')).toEqual(['warning 06-1234567']);
    expect(found('Bel haar morgen. Op 12 maart staat 06-1234567 in de agenda.', 'privacy/phone')).toEqual([]);
  });

  it('a country code written with 00 is a warning when the plan rejects the rest, not inside an account number', () => {
    expect(found('Zus in België: 0032 475 12 34 5', 'privacy/phone')).toEqual(['warning 0032 475 12 34 5']);
    expect(found('Rekening DE89 3704 0044 0532 0130 00 in Duitsland.', 'privacy/phone')).toEqual([]);
    expect(found('Roemeense rekening RO49 AAAA 1B31 0075 9384 0000 opgegeven.', 'privacy/phone')).toEqual([]);
  });

  it('keeps what people write around numbers quiet', () => {
    for (const text of [
      'Bel de gemeente via 14 020, of 14 0182 in Gouda.',
      'Open van 08.30-17.00 uur; op 12-03-2024 om 10.30 uur gesprek.',
      'Het bedrag van € 1.234,56 is op 06-05-2024 betaald.',
      'Dossier 2023/04567 en kamer 0.12.',
      'Een getal van dertien cijfers 0612345678901 is geen nummer.',
      'Ze betaalt 06 12 maand.',
    ]) {
      expect(covered(text, 'privacy/phone'), text).toEqual([]);
    }
  });
});

describe('names of the fifth untuned part', () => {
  it.each([
    ['initials before a surname that ends like a street', 'Met vriendelijke groet,\nJ. Korteweg', 'J. Korteweg'],
    ['a title before a surname that ends like a street', 'Gesprek met mevrouw Zuidweg over de huur.', 'mevrouw Zuidweg'],
    ['a surname that is also a first name, surname first after a label', 'Naam: Oğuz, Mehmet\nGeboortedatum: onbekend', 'Oğuz, Mehmet'],
    ['a particle and a place after a greeting', 'Beste Van Rijn,\n\nZoals besproken stuur ik de stukken.', 'Van Rijn'],
    ['a listed surname after a greeting', 'Geachte Jansen,\n\nHierbij de stukken.', 'Jansen'],
    ['a case by its surname', 'Het kind in de zaak Pinas verblijft tijdelijk bij oma.', 'Pinas'],
  ])('%s', (_form, text, name) => {
    expect(covered(text, 'privacy/name')).toContain(name);
  });

  it('no name in a street with a house number, a greeting of a team, a programme or a compound with a hyphen', () => {
    for (const text of [
      'Ze woont aan de Korteweg 12 in Zeist.',
      'Beste Collega,\n\nHierbij de stukken.',
      'Beste Sanne,\n\nHierbij de stukken.',
      'Afgesproken: aanmelding Housing First bij de regio.',
      'Begeleider Fact-team: wordt nog bekend.',
      'De ouders van Samuel willen hulp.',
    ]) {
      expect(covered(text, 'privacy/name'), text).toEqual([]);
    }
  });
});
