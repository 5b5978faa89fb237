/**
 * The false positives of the ninth untuned part once it moved to tuned/ (issue 19, round 10),
 * and the forms around them: an organisation's address (a school's, a GP practice's, the
 * town hall's, a housing corporation's) under its name in a letterhead or signature, after
 * "Bezoekadres:", or after its name with a comma or bar between, is a hint, not an error; an
 * organisation's functional mailbox ("noreply@…", "wijkteam-west@…") is a hint; a number an
 * organisation gives as its own ("Wij zijn bereikbaar op werkdagen … via …") is a hint. Each
 * test failed before; the guards beside them keep a resident's address, e-mail address and
 * number an error. The words are data (data/privacy/context-words.yaml). Examples made up.
 */
import { describe, expect, it } from 'vitest';
import { found, reported } from '../privacy-found.js';

const address = (text: string): string[] => found(text, 'privacy/address');
const errors = (text: string, rule = 'privacy/address'): string[] => reported(text, rule);

describe("an organisation's address is a hint", () => {
  it.each([
    ['a school under its name', 'OBS De Regenboog\nSchoolstraat 4, 6711 AB Ede', ['info Schoolstraat 4', 'info 6711 AB']],
    ['a GP practice, its doctors between', 'HUISARTSENPRAKTIJK DE LINDE\nJ. Visser en S. Bakır, huisartsen\nLindenlaan 4, 6681 AB Bemmel', ['info Lindenlaan 4', 'info 6681 AB']],
    ['a housing corporation, street and postcode on two lines', 'Woonstichting Het Anker\nMarktstraat 12\n3811 AB Amersfoort', ['info Marktstraat 12', 'info 3811 AB']],
    ['a lawyers\' office', 'Advocatenkantoor Van Rooij & Peeters\nStationsstraat 18, 5611 AD Eindhoven', ['info Stationsstraat 18', 'info 5611 AD']],
    ['the municipality, after "Bezoekadres:"', 'GEMEENTE DEN HELDER\nPostbus 36, 1780 AA Den Helder\nBezoekadres: Drs. F. Bijlweg 20', ['info Bijlweg 20']],
    ['the municipality, after a comma', 'Heeft u vragen? Bel 14 038.\n\nGemeente Zwolle, Lübeckplein 2', ['info Lübeckplein 2']],
    ['a corporation, after a bar', 'Woonzorg Oost | Hengelosestraat 500 | 7521 AN Enschede', ['info Hengelosestraat 500', 'info 7521 AN']],
    ['a desk in a sentence', 'Uw afspraak is bij het Geldloket, Hoofdstraat 101 (ingang naast de bibliotheek).', ['info Hoofdstraat 101']],
    ['a community centre in a sentence', 'Locatie: Wijkcentrum De Middelburg, Zuiderparkweg 300. Neem uw ID mee.', ['info Zuiderparkweg 300']],
  ])('%s', (_form, text, findings) => {
    expect(address(text)).toEqual(findings);
  });
});

describe("a resident's address stays an error", () => {
  it.each([
    ['under the resident\'s name below a letterhead', 'Gemeente Ede\nPostbus 9022, 6710 HK Ede\nMevrouw A. Jansen\nKerkstraat 4, 6711 AB Ede', ['error Kerkstraat 4', 'error 6711 AB']],
    ['after a comma and a name', 'Gesprek met mevrouw Jansen, Kerkstraat 4, 6711 AB Ede.', ['error Kerkstraat 4', 'error 6711 AB']],
    ['in a care home she moves to', 'Uw moeder verhuist naar zorgcentrum De Bremhorst, Bremhorstlaan 5, 1566 EA Assendelft.', ['error Bremhorstlaan 5', 'error 1566 EA']],
    ['a home under a line that names an organisation', 'Zorg- en Veiligheidshuis, casusoverleg\nWoning Vlietweg 19, 2266 KA Leidschendam: huisverbod verlengd.', ['error Vlietweg 19', 'error 2266 KA']],
    ['in a sentence that names the municipality', 'U krijgt een woning in de gemeente Coevorden, Kerkstraat 12-B.', ['error Kerkstraat 12-B']],
  ])('%s', (_form, text, findings) => {
    expect(errors(text)).toEqual(findings);
  });
});

describe("an organisation's functional mailbox is a hint", () => {
  it.each(['noreply@rotterdam.nl', 'wijkteam-west@gemeente.nl', 'sociaal.domein@gemeente.nl', 'casusoverleg@gemeente.nl', 'privacy@gemeente.nl'])('%s', (mailbox) => {
    expect(found(`Stuur het naar ${mailbox} voor vrijdag.`, 'privacy/email')).toEqual([`info ${mailbox}`]);
  });

  it("a person's address at the same domain stays an error, also one that contains such a word", () => {
    expect(errors('Mail p.jansen@gemeente.nl of jan.wijkteam@gemeente.nl.', 'privacy/email')).toEqual(['error p.jansen@gemeente.nl', 'error jan.wijkteam@gemeente.nl']);
  });
});

describe('a number an organisation gives as its own is a hint', () => {
  it('with office hours', () => {
    expect(found('Wij zijn bereikbaar op werkdagen van 8.30 tot 16.30 uur via 0164 - 21 33 00.', 'privacy/phone')).toEqual(['info 0164 - 21 33 00']);
  });

  it('parents who are reachable stay an error', () => {
    expect(errors('Wij zijn niet eens met de indicatie. Wij zijn bereikbaar op 0184 - 65 14 22.', 'privacy/phone')).toEqual(['error 0184 - 65 14 22']);
  });
});
