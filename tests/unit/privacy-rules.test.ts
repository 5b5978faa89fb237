/**
 * The privacy rules as `validate` runs them: each finding with its rule, severity, exact
 * position in the YAML source and masked message; what must not be reported; allow-lists
 * and suppression comments; and the casebook's own patterns.
 */
import { describe, expect, it } from 'vitest';
import { loadCasebook } from '../../src/load/index.js';
import { privacyRules } from '../../src/privacy/index.js';
import { validate } from '../../src/validate/index.js';
import { makeTree } from '../helpers.js';

interface Found {
  rule: string;
  severity: string;
  at: string;
  message: string;
  suppressed?: true;
}

/** Validates one case (and casebook.yaml) with the privacy rules only. */
async function findings(caseText: string, casebookYaml = 'title: Test\n', lang: 'nl' | 'en' = 'nl'): Promise<Found[]> {
  const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/a.yaml': caseText });
  const casebook = await loadCasebook({ cwd: dir, lang });
  const result = validate(casebook, { rules: privacyRules, lang });
  return result.messages.map((m) => ({
    rule: m.rule,
    severity: m.severity,
    at: `${m.file.endsWith('casebook.yaml') ? 'casebook.yaml ' : ''}${m.line}:${m.column}-${m.endLine}:${m.endColumn}`,
    message: m.message,
    ...(m.suppressed ? { suppressed: true as const } : {}),
  }));
}

/** A case whose situation is `text` as a literal block (the text starts on line 5, column 3). */
const withSituation = (text: string, extra = '') =>
  `title: Een casus om te testen\nstatus: draft\ndomains: [wmo]\nsituation: |\n${text.split('\n').map((l) => (l ? '  ' + l : l)).join('\n')}\ndilemma: Wat doen we?\n${extra}`;

const rulesOf = (found: Found[]) => found.map((f) => `${f.rule} ${f.severity}`);

describe('privacy/bsn', () => {
  it('is an error next to the word BSN, with the number masked', async () => {
    expect(await findings(withSituation('Het BSN van mevrouw stond in de notitie: 926851974.'))).toEqual([
      { rule: 'privacy/bsn', severity: 'error', at: '5:44-5:53', message: 'Burgerservicenummer (926******). Haal het weg: een casus heeft geen BSN nodig.' },
    ]);
  });

  it('is a warning without such a word, in every notation', async () => {
    const found = await findings(withSituation('Op het formulier: 4857.89.954 en\n386 083 393 en 3770 81 954.'));
    expect(found.map((f) => `${f.severity} ${f.at}`)).toEqual(['warning 5:21-5:32', 'warning 6:3-6:14', 'warning 6:18-6:29']);
    expect(found[0]!.message).toBe("Dit getal (4857*******) kan een burgerservicenummer zijn (het klopt met de elfproef). Haal het weg, of zet '# casebook-disable-next-line privacy/bsn' erboven als het iets anders is.");
  });

  it('accepts the 8-digit form', async () => {
    expect(rulesOf(await findings(withSituation('Zijn sofinummer was 38868143.')))).toEqual(['privacy/bsn error']);
  });

  it('ignores numbers that fail the 11-proef, amounts, and numbers labelled as something else', async () => {
    const text = [
      'Nummer 647852157 klopt niet met de elfproef.',
      'Factuurnummer 111222333 is nog open; KvK 97261452.',
      'De gemeente besteedt 926.432.370 euro; of € 926.432.370.',
      'Een telefoonnummer: +31 926 851 974.',
    ].join('\n');
    expect((await findings(withSituation(text))).filter((f) => f.rule === 'privacy/bsn')).toEqual([]);
  });
});

describe('privacy/iban', () => {
  it('reports an IBAN that passes mod-97, with or without spaces', async () => {
    expect(await findings(withSituation('Leefgeld naar NL75 ABNA 1235 1199 98 of NL06INGB7699579000.'))).toEqual([
      { rule: 'privacy/iban', severity: 'error', at: '5:17-5:39', message: "Rekeningnummer (NL75 **** **** **** **). Haal het weg of schrijf 'haar rekening'." },
      { rule: 'privacy/iban', severity: 'error', at: '5:43-5:61', message: "Rekeningnummer (NL06**************). Haal het weg of schrijf 'haar rekening'." },
    ]);
  });

  it('ignores placeholders; an IBAN that fails the check is a warning (its shape is enough)', async () => {
    expect(await findings(withSituation('Geanonimiseerd als NL00 BANK 0000 0000 00.'))).toEqual([]);
    const typo = await findings(withSituation('Met een tikfout: NL75ABNA1235119999.'));
    expect(typo.map((f) => `${f.rule} ${f.severity}`)).toEqual(['privacy/iban warning']);
  });
});

describe('privacy/phone', () => {
  it('reports mobile and fixed numbers in the usual notations', async () => {
    const found = await findings(withSituation('Bel 06-12345678, (020) 123 45 67,\n+31 6 23456789 of 0031 6 34567812.'));
    expect(found.map((f) => `${f.rule} ${f.severity} ${f.at}`)).toEqual([
      'privacy/phone error 5:7-5:18',
      'privacy/phone error 5:20-5:35',
      'privacy/phone error 6:3-6:17',
      'privacy/phone error 6:21-6:36',
    ]);
    expect(found[0]!.message).toBe("Telefoonnummer (06-1*******). Haal het weg of schrijf 'zijn mobiele nummer'.");
  });

  it('ignores article numbers, amounts, years, times and service numbers', async () => {
    const text = 'Artikel 4:84 Awb en 2.3.5 Wmo; € 1.250 in 2023 om 9.30 uur. Bel Veilig Thuis via 0800-2000 of 0900-1234567.';
    expect(await findings(withSituation(text))).toEqual([]);
  });
});

describe('privacy/email', () => {
  it('reports an e-mail address', async () => {
    expect(await findings(withSituation('Mail van j.jansen1958@hotmail.com kwam binnen.'))).toEqual([
      { rule: 'privacy/email', severity: 'error', at: '5:12-5:36', message: 'E-mailadres (j.ja********************). Haal het weg of gebruik een voorbeeldadres zoals naam@example.nl.' },
    ]);
  });

  it('allows placeholder domains and the casebook’s own', async () => {
    const text = 'Naar wijkteam@example.nl, info@sub.example.org, a@b.test of wmo@gemeente-voorbeeld.nl.';
    expect(await findings(withSituation(text), 'title: Test\nprivacy:\n  allow-email-domains: [gemeente-voorbeeld.nl]\n')).toEqual([]);
  });
});

describe('privacy/address', () => {
  it('reports a street with a house number, and a postcode with a house number as errors', async () => {
    expect(await findings(withSituation('Woont op Burgemeester de Withstraat 17, 1234 AB Voorbeeldstad.'))).toEqual([
      { rule: 'privacy/address', severity: 'error', at: '5:12-5:41', message: "Adres (Burg******** ** ********** **). Haal het weg; schrijf bijvoorbeeld 'een bovenwoning in de wijk'." },
      { rule: 'privacy/address', severity: 'error', at: '5:43-5:50', message: 'Postcode met huisnummer (123* **). Haal het adres weg; noem hooguit de wijk.' },
    ]);
  });

  it('reports a postcode alone as a warning', async () => {
    expect(rulesOf(await findings(withSituation('Post gaat naar 9721 TB, bij een tante.')))).toEqual(['privacy/address warning']);
  });

  it('ignores a PO box, a street without a number and a number that counts something', async () => {
    const text = 'Bezwaar naar Postbus 16200, 3500 CE Utrecht. Ze woont aan de Kerkstraat.\nAan de Kerkstraat 3 jaar gewoond; in 2023 EU-geld.';
    expect(await findings(withSituation(text))).toEqual([]);
  });
});

describe('privacy/birthdate', () => {
  it('is an error near "geboren" and an info hint for other full dates', async () => {
    expect(await findings(withSituation('Mevrouw, geboren op 12 maart 1948, belde op 14-03-2023.'))).toEqual([
      { rule: 'privacy/birthdate', severity: 'error', at: '5:23-5:36', message: "Geboortedatum (12 m**** ****). Noem de leeftijd ('74 jaar') in plaats van de geboortedatum." },
      { rule: 'privacy/birthdate', severity: 'info', at: '5:47-5:57', message: "Volledige datum (14-0******). Schrijf liever 'voorjaar 2023': een exacte datum maakt de casus herkenbaar." },
    ]);
  });

  it('ignores article numbers, years and dates without a year', async () => {
    expect(await findings(withSituation('Artikel 2.3.5 en 8.1.12; in maart 2023; op 12 maart; sinds 1975.'))).toEqual([]);
  });
});

describe('privacy/name', () => {
  it('reports a title with a surname, and initials with a surname, as errors', async () => {
    expect(await findings(withSituation('Gesprek met de heer P. van Dijk en met J. de Vries.'))).toEqual([
      { rule: 'privacy/name', severity: 'error', at: '5:15-5:34', message: "Naam van een persoon (de heer P. v** ****). Vervang door 'de inwoner', 'mevrouw A.' of een verzonnen naam (en zet die onder pseudonyms)." },
      { rule: 'privacy/name', severity: 'error', at: '5:42-5:53', message: "Naam van een persoon (J. d* *****). Vervang door 'de inwoner', 'mevrouw A.' of een verzonnen naam (en zet die onder pseudonyms)." },
    ]);
  });

  it('reports a first name with a surname as an error, naming the surname; after a word of place as a warning', async () => {
    const found = await findings(withSituation('Sanne de Vries (16) zorgt voor haar moeder.'));
    expect(found.map((f) => `${f.severity} ${f.at}`)).toEqual(['error 5:3-5:17']);
    expect(found[0]!.message).toContain('de achternaam maakt de inwoner herkenbaar');
    // A place on data/privacy/places.txt is no name at all; another one after "naar" is at most a warning.
    const place = await findings(withSituation('Het gezin verhuisde naar Anna Paulowna, dichter bij de familie.'));
    expect(place.map((f) => f.severity)).toEqual([]);
    const unlisted = await findings(withSituation('Het gezin verhuisde naar Anna Wijnaldum, dichter bij de familie.'));
    expect(unlisted.map((f) => f.severity)).toEqual(['warning']);
  });

  it('reports a name that a folded block wraps across lines, in one message', async () => {
    const text = 'title: Een casus om te testen\ndomains: [wmo]\nsituation: >\n  Daarna belde mevrouw\n  Jansen opnieuw.\ndilemma: Wat doen we?\n';
    expect(await findings(text)).toEqual([
      { rule: 'privacy/name', severity: 'error', at: '4:16-5:9', message: "Naam van een persoon (mevrouw Ja****). Vervang door 'de inwoner', 'mevrouw A.' of een verzonnen naam (en zet die onder pseudonyms)." },
    ]);
  });

  it('does not report initials alone, first names alone, laws, teams or organisations', async () => {
    const text = [
      'Mevrouw K. (74) en meneer B. wonen samen. Sanne zorgt voor Noor.',
      'De Wet maatschappelijke ondersteuning, de Jeugdwet en de Participatiewet.',
      'Team Jeugd Noord, het Sociaal Wijkteam, de GGD en de Raad van State.',
      'De Centrale Raad van Beroep; het Jeroen Bosch Ziekenhuis; de Willem de Zwijgerschool.',
      'Meneer uit Assen en de familie uit Eritrea.',
    ].join('\n');
    expect(await findings(withSituation(text))).toEqual([]);
  });

  it('reports names in pseudonyms and x-fictional-names as suppressed', async () => {
    const found = await findings(withSituation('Mevrouw Pieterse en Kees de Boer.', 'pseudonyms: [Pieterse]\nx-fictional-names: [Sanne de Boer]\n'));
    expect(found).toEqual([
      { rule: 'privacy/name', severity: 'error', at: '5:3-5:19', message: 'Verzonnen naam (Mevrouw Pie*****): staat onder pseudonyms, x-fictional-names of privacy.allow-names.', suppressed: true },
      // A fictional surname covers the family: "Kees de Boer" shares it with "Sanne de Boer".
      { rule: 'privacy/name', severity: 'error', at: '5:23-5:35', message: 'Verzonnen naam (Kees ** ****): staat onder pseudonyms, x-fictional-names of privacy.allow-names.', suppressed: true },
    ]);
  });

  it('reports names in the casebook’s allow-names as suppressed', async () => {
    const found = await findings(withSituation('De heer Visser belde.'), 'title: Test\nprivacy:\n  allow-names: [meneer Visser]\n');
    expect(found.map((f) => `${f.rule} ${f.at} ${f.suppressed}`)).toEqual(['privacy/name 5:3-5:17 true']);
  });

  it('speaks English with --lang en', async () => {
    const found = await findings(withSituation('Mevrouw Jansen belde.'), 'title: Test\n', 'en');
    expect(found[0]!.message).toBe("A person's name (Mevrouw Ja****). Replace it with 'the resident', 'Mrs A.' or an invented name (and list that under pseudonyms).");
  });
});

describe('privacy/custom', () => {
  const config = [
    'title: Test',
    'privacy:',
    '  patterns:',
    "    - id: zaaknummer",
    "      pattern: 'Z-\\d{4}-\\d+'",
    '      severity: warning',
    "    - id: klant",
    "      pattern: 'CL\\d{6}'",
    "      message: Klantnummer; haal het weg",
    "    - id: kapot",
    "      pattern: '(['",
    '',
  ].join('\n');

  it('reports the casebook’s own patterns with their severity and message', async () => {
    const found = await findings(withSituation('Zie Z-2023-01452 en klant CL204518.'), config);
    expect(found.filter((f) => !f.at.startsWith('casebook.yaml'))).toEqual([
      { rule: 'privacy/custom', severity: 'warning', at: '5:7-5:19', message: "Past bij het eigen privacypatroon 'zaaknummer' (Z-20********). Haal het weg." },
      { rule: 'privacy/custom', severity: 'error', at: '5:29-5:37', message: 'Klantnummer; haal het weg (CL2*****)' },
    ]);
  });

  it('reports a pattern that is no regular expression once, on casebook.yaml', async () => {
    const found = await findings(withSituation('Niets bijzonders.'), config);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'privacy/custom', severity: 'error', at: 'casebook.yaml 11:16-11:20' });
    expect(found[0]!.message).toMatch(/^Het privacypatroon 'kapot' is geen geldige reguliere expressie \(.+\)\. Het wordt overgeslagen\.$/);
  });
});

describe('which text is checked', () => {
  it('checks every text field, including options, legal notes, values’ why, authors and x- fields', async () => {
    const text = [
      'title: Een casus om te testen',
      'domains: [wmo]',
      'authors: [Marloes Dijkstra]',
      'situation: Een inwoner.',
      'dilemma: Wat doen we?',
      'options:',
      '  - title: Bellen',
      '    for: [Bel mevrouw Jansen]',
      '    values: [maatwerk]',
      'legal:',
      '  - law: Wmo 2015',
      '    note: Zie het dossier van dhr. Visser.',
      'values:',
      '  - id: maatwerk',
      '    why: Voor mevrouw Bakker.',
      'x-notitie:',
      '  contact: 06-12345678',
      '',
    ].join('\n');
    expect((await findings(text)).map((f) => `${f.rule} ${f.at}`)).toEqual([
      'privacy/name 3:11-3:27',
      'privacy/name 8:15-8:29',
      'privacy/name 12:31-12:42',
      'privacy/name 15:15-15:29',
      'privacy/phone 17:12-17:23',
    ]);
  });

  it('skips ids, dates, tags, related cases and the lists of fictional names', async () => {
    const text = [
      'id: mevrouw-jansen-926851974',
      'title: Een casus om te testen',
      'status: draft',
      'domains: [wmo]',
      'date: 2024-03-14',
      'tags: [mevrouw jansen]',
      'related: [dhr-visser]',
      'situation: Een inwoner.',
      'dilemma: Wat doen we?',
      'pseudonyms: [mevrouw Jansen]',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([]);
  });
});

describe('suppression comments', () => {
  it('a comment above a block key covers the whole block', async () => {
    const text = withSituation('Mevrouw Jansen belde.\nZe woont op de Kerkstraat 14.').replace('situation: |', '# casebook-disable-next-line privacy/name\nsituation: |');
    const found = await findings(text);
    expect(found.map((f) => `${f.rule} ${f.at} ${f.suppressed ?? false}`)).toEqual(['privacy/name 6:3-6:17 true', 'privacy/address 7:18-7:31 false']);
  });

  it('a comment naming the group covers every privacy rule on the next line', async () => {
    const text = 'title: Een casus om te testen\ndomains: [wmo]\nsituation: Een inwoner.\ndilemma: Wat doen we?\nlessons:\n  # casebook-disable-next-line privacy\n  - Bel mevrouw Jansen op 06-12345678.\n  - Bel mevrouw Visser.\n';
    const found = await findings(text);
    expect(found.map((f) => `${f.rule} ${f.at} ${f.suppressed ?? false}`)).toEqual([
      'privacy/name 7:9-7:23 true',
      'privacy/phone 7:27-7:38 true',
      'privacy/name 8:9-8:23 false',
    ]);
  });
});

describe('rule settings', () => {
  it('a rule can be switched off, and the group given one severity', async () => {
    const text = withSituation('Mevrouw Jansen, geboren 12-03-1948, BSN 926851974.');
    expect(rulesOf(await findings(text, 'title: Test\nrules:\n  privacy/birthdate: off\n'))).toEqual(['privacy/name error', 'privacy/bsn error']);
    expect(rulesOf(await findings(text, 'title: Test\nrules:\n  privacy: warning\n'))).toEqual(['privacy/name warning', 'privacy/birthdate warning', 'privacy/bsn warning']);
  });
});

describe('masking', () => {
  it('no message carries a full identifier', async () => {
    const identifiers = ['926851974', 'NL75 ABNA 1235 1199 98', '06-12345678', 'j.jansen1958@hotmail.com', 'Kerkstraat 14', '7411 BK', '12-03-1948', 'Jansen'];
    const text = 'Mevrouw Jansen (BSN 926851974, geboren 12-03-1948), Kerkstraat 14, 7411 BK, tel. 06-12345678,\nj.jansen1958@hotmail.com, rekening NL75 ABNA 1235 1199 98.';
    const found = await findings(withSituation(text));
    expect(found.map((f) => f.rule).sort()).toEqual(['privacy/address', 'privacy/address', 'privacy/birthdate', 'privacy/bsn', 'privacy/email', 'privacy/iban', 'privacy/name', 'privacy/phone']);
    for (const f of found) for (const id of identifiers) expect(f.message).not.toContain(id);
  });
});
