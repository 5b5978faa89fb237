/**
 * The clean-text errors and the missed postcode of the eleventh untuned part once it moved to
 * tuned/ (issue 19, round 12): a practice that gives "ons adres" is most likely an
 * organisation, but a family writes that too, so its address is a warning, not an error; a
 * number followed by "(algemeen)" or "(receptie)" is an organisation's general number, a
 * hint; a line above an address that gives a person (a date of birth, or a title and a name)
 * is a resident's line, so a referrer named above it ("Aanmelding via huisarts:") does not
 * make the address an organisation's; a postcode's letters that spell a title ("3893 DR
 * Zeewolde") are no title before a surname. Each test failed before; the guards keep a person's
 * own address, mobile number and a doctor's name errors, and a GP's address under the GP's line a hint. The
 * words are data (data/privacy/context-words.yaml). Examples made up.
 */
import { describe, expect, it } from 'vitest';
import { found } from '../privacy-found.js';

const address = (text: string): string[] => found(text, 'privacy/address');
const phone = (text: string): string[] => found(text, 'privacy/phone');

describe('"ons adres" is a warning, not an error', () => {
  it.each([
    ['a practice', 'Namens de praktijk: ons adres is Molenweg 4, 7001 AB Doetinchem.', ['warning Molenweg 4', 'warning 7001 AB']],
    ['"ons nieuwe adres"', 'Vanaf maandag is ons nieuwe adres Molenweg 4, 7001 AB Doetinchem.', ['warning Molenweg 4', 'warning 7001 AB']],
  ])('%s', (_form, text, findings) => {
    expect(address(text)).toEqual(findings);
  });
  it('guard: "mijn adres" stays an error', () => {
    expect(address('Mijn adres is Molenweg 4, 7001 AB Doetinchem.')).toEqual(['error Molenweg 4', 'error 7001 AB']);
  });
});

describe("an organisation's general number is a hint", () => {
  it.each([
    ['(algemeen)', 'Bel ons gerust, tel. 0314-330000 (algemeen).', ['info 0314-330000']],
    ['(receptie)', 'Telefoon 0314 33 00 00 (receptie)', ['info 0314 33 00 00']],
    ['(algemeen nummer)', 'U kunt bellen met 0314-330000 (algemeen nummer).', ['info 0314-330000']],
  ])('%s', (_form, text, findings) => {
    expect(phone(text)).toEqual(findings);
  });
  it("guard: a person's mobile number stays an error", () => {
    expect(phone('Moeder is bereikbaar op 06-17283945 (mobiel).')).toEqual(['error 06-17283945']);
  });
});

describe("a resident's line above an address ends the search for an organisation", () => {
  it.each([
    ['a date of birth', 'Aanmelding via huisarts:\nmw Fenna de Wit, geb 05-12-1999\nKerkweg 3, 9351 AB Leek', ['error Kerkweg 3', 'error 9351 AB']],
    ['a title and a name', 'Verwezen door school:\ndhr. P. Bakker, alleenstaand\nKerkweg 3, 9351 AB Leek', ['error Kerkweg 3', 'error 9351 AB']],
  ])('%s', (_form, text, findings) => {
    expect(address(text)).toEqual(findings);
  });
  it.each([
    ['a practice above', 'Huisartsenpraktijk De Linde\nKerkweg 3\n9351 AB Leek'],
    ['a doctor with his role', 'Dr. A. Jansen, huisarts\nKerkweg 3\n9351 AB Leek'],
  ])("guard: an organisation's address stays a hint (%s)", (_form, text) => {
    expect(address(text)).toEqual(['info Kerkweg 3', 'info 9351 AB']);
  });
});

describe("a postcode's letters are no title", () => {
  it('"3893 DR Zeewolde" is no name', () => {
    expect(found('Tuinfluiterlaan 65\n3893 DR Zeewolde', 'privacy/name')).toEqual([]);
    expect(address('Tuinfluiterlaan 65, 3893 DR Zeewolde')).toEqual(['error Tuinfluiterlaan 65', 'error 3893 DR']);
  });
  it('guard: a doctor named with the title stays an error', () => {
    expect(found('Afspraak bij DR Zeewolde in het ziekenhuis.', 'privacy/name')).toEqual(['error DR Zeewolde']);
  });
});
