/**
 * The clean-text errors and false positives of the tenth untuned part once it moved to tuned/
 * (issue 19, round 11): a department's mailbox ("inkoop@…", "juridischezaken@…",
 * "inburgering@…") is a hint; a mailbox a desk and one person's practice both use ("wmo@…",
 * "info@…") is a warning, not an error, since the rule cannot tell which; a law firm named
 * "Advocatuur" is an organisation, so its address after its name is a hint; a given name no
 * list has and a listed surname do not form a name across a line break ("SG Het Rhedens⏎
 * Rozendaal"). And two misses: after a label for a name ("Naam:", "Cliënt:") the rest of the
 * line, two to five name-like words, is a name ("Naam: Tran Thi Hoa"). Each test failed
 * before; the guards keep a person's e-mail address, a resident's address and a name on one
 * line errors or warnings, and an organisation or a lone first name after a label unreported.
 * The words are data (data/privacy/context-words.yaml). Examples made up.
 */
import { describe, expect, it } from 'vitest';
import { found } from '../privacy-found.js';

const email = (text: string): string[] => found(text, 'privacy/email');
const address = (text: string): string[] => found(text, 'privacy/address');

describe("a department's mailbox is a hint", () => {
  it.each([
    ['purchasing', 'Vragen over de tarieven? Mail inkoop@regio-west.nl.', ['info inkoop@regio-west.nl']],
    ['legal affairs', 'Bij vragen kunt u mailen naar juridischezaken@gemeente.nl.', ['info juridischezaken@gemeente.nl']],
    ['civic integration', 'Aan: inburgering@lelystad.nl', ['info inburgering@lelystad.nl']],
  ])('%s', (_form, text, findings) => {
    expect(email(text)).toEqual(findings);
  });
});

describe('a mailbox a desk and a practice both use is a warning', () => {
  it.each([
    ['the Wmo desk', 'Meldingen komen binnen via het algemene postvak wmo@gemeente-epe.nl.', ['warning wmo@gemeente-epe.nl']],
    ['info at a team', 'Aan: info@wijkteamzwolle.nl', ['warning info@wijkteamzwolle.nl']],
    ['a desk with a suffix', 'Aan: wmo-loket@gemeente-assen.nl', ['warning wmo-loket@gemeente-assen.nl']],
  ])('%s', (_form, text, findings) => {
    expect(email(text)).toEqual(findings);
  });
});

describe("a person's e-mail address stays an error", () => {
  it.each([
    ['initial and surname', 'Mail j.devries@gemeente-epe.nl voor een afspraak.', ['error j.devries@gemeente-epe.nl']],
    ['a first name at a small practice', 'Aan: anneke@praktijkdebron.nl', ['error anneke@praktijkdebron.nl']],
    ['a word list does not match inside a name', 'Aan: inkoopman.p@bedrijf.nl', ['error inkoopman.p@bedrijf.nl']],
  ])('%s', (_form, text, findings) => {
    expect(email(text)).toEqual(findings);
  });
});

describe("a law firm's address after its name is a hint", () => {
  it('after "Advocatuur" and a comma', () => {
    expect(address('Met vriendelijke groet,\nmr. K. Smit\nSmit Advocatuur, Hoofdweg 12, 2401 AB Alphen aan den Rijn')).toEqual(['info Hoofdweg 12', 'info 2401 AB']);
  });
  it("guard: a client's home after a comma stays an error", () => {
    expect(address('Cliënt mevrouw Smit, Hoofdweg 12, 2401 AB Alphen aan den Rijn, belt de advocaat.')).toEqual(['error Hoofdweg 12', 'error 2401 AB']);
  });
});

const names = (text: string): string[] => found(text, 'privacy/name');

describe('a name after a label for a name is the rest of the line', () => {
  it.each([
    ['a given name and a surname no list has', 'naam: Lamiae Azouagh\nadres: bekend bij het wijkteam', ['error Lamiae Azouagh']],
    ['three words', 'Cliënt: Tran Thi Hoa', ['error Tran Thi Hoa']],
  ])('%s', (_form, text, findings) => {
    expect(names(text)).toEqual(findings);
  });
  it.each([
    ['an organisation', 'Aanvrager: Gemeente Den Haag'],
    ['a team', 'Naam: Wijkteam Noord'],
    ['a first name alone (a pseudonym)', 'Naam: Sanne'],
  ])('guard: %s stays unreported', (_form, text) => {
    expect(names(text)).toEqual([]);
  });
});

describe('a given name and a surname stand on one line', () => {
  it('a school above the town of its letter', () => {
    expect(names('Basisschool Rhedens\nRozendaal\n\nRozendaal, 19 november 2026')).toEqual([]);
  });
  it('guard: on one line they stay a name', () => {
    expect(names('Gesprek met Wiljan Rozendaal.')).toEqual(['warning Wiljan Rozendaal']);
  });
});
