/**
 * The forms of personal data of issue 19, one category each: names outside the old
 * first-name list, the capitalised function word after a name, name forms, date forms,
 * address forms and labelled numbers that fail their check. Each test failed before.
 */
import { describe, expect, it } from 'vitest';
import { covered, found } from '../privacy-found.js';
import { isDutchWord } from '../../src/privacy/words.js';

const names = (text: string) => covered(text, 'privacy/name');

describe('names of every origin', () => {
  it.each([
    ['Gesprek met Mebrat Kidane over de woning.', 'Mebrat Kidane'],
    ['Aanwezig was Olumide Bankole, de buurman.', 'Olumide Bankole'],
    ['Daarna kwam Chiamaka Okeke binnen.', 'Chiamaka Okeke'],
    ['Volgens Grażyna Lewandowska is de huur te hoog.', 'Grażyna Lewandowska'],
    ['Hij woont bij Sumanti Kartosen in.', 'Sumanti Kartosen'],
    ['Het verslag over Zarghona Popal en haar kinderen.', 'Zarghona Popal'],
    ['Het dossier van Wiljan Kasanpawiro is dik.', 'Wiljan Kasanpawiro'],
  ])('%s', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  it('tells ordinary words from names with the OpenTaal word list', () => {
    expect(isDutchWord('vervolgens')).toBe(true);
    expect(isDutchWord('gemeente')).toBe(true);
    expect(isDutchWord('haddouchi')).toBe(false);
    expect(isDutchWord('')).toBe(false);
  });

  it('reads a surname next to a relative, a role, a household or a verb of speech', () => {
    expect(names('De melding kwam van buurvrouw Haddouchi.')).toEqual(['Haddouchi']);
    expect(names('Het gezin Verhoeven woont boven de winkel.')).toEqual(['Verhoeven']);
    expect(names('Casus Kaya: schulden.')).toEqual(['Kaya']);
    expect(names('Het was stil. Smeets meldt dat de huur is betaald.')).toEqual(['Smeets']);
    // A first name alone after a relative stays unreported; so do ordinary words.
    expect(names('Zijn broer Youssef blijft bij moeder wonen.')).toEqual([]);
    expect(names('De moeder Vervolgens belde.')).toEqual([]);
  });
});

describe('a name before a capitalised function word', () => {
  it.each([
    ['Meneer Jansen\nHet was laat toen ik aankwam.', 'Meneer Jansen'],
    ['Mevrouw Wijnands\nSoms komt haar zoon langs.', 'Mevrouw Wijnands'],
    ['Gesprek met mevrouw Jansen\nDaarna zijn we gaan zitten.', 'mevrouw Jansen'],
  ])('%s', (text, name) => {
    expect(names(text)).toEqual([name]);
  });
});

describe('name forms', () => {
  it.each([
    ['initials without dots', 'Cliënt A Visser wil een scootmobiel.', ['A Visser']],
    ['two initials without dots', 'Naam cliënt: TJ Wijnberg, Eindhoven.', ['TJ Wijnberg']],
    ['surname first with a first name', 'Gebeld door Visser, Anna over haar beschikking.', ['Visser, Anna']],
    ['surname first with initials', 'Betreft: Dijkstra, E.B. en haar aanvraag.', ['Dijkstra, E.B.']],
    ['capitals after a title', 'Notitie: dhr. SMIT was niet thuis.', ['dhr. SMIT']],
    ['capitals after initials', 'Cliënt: A. VISSER, Lemmer.', ['A. VISSER']],
    ['capitals, first name and surname', 'Naam: MAHMOUD ALHASSAN\nVraag: werk.', ['MAHMOUD ALHASSAN']],
    ['particle and surname', 'Het gesprek ging met de Bruijn over zijn aanvraag.', ['de Bruijn']],
    ['particle and surname at the start', 'Van der Heijden had de bus gemist.', ['Van der Heijden']],
    ['surname alone after the full name', 'Eerder had Anna Visser gebeld. Visser kwam niet opdagen.', ['Anna Visser', 'Visser']],
    ['double surname with particles', 'Mevrouw Van der Meer-Boukhari belde.', ['Mevrouw Van der Meer-Boukhari']],
    ['double surname with spaces', 'Gesproken met Yvonne de Vries - van Dijk over haar zoon.', ['Yvonne de Vries - van Dijk']],
    ['an article joined by a hyphen', 'Het dossier van de familie Al-Khatib is dik.', ['familie Al-Khatib']],
    ['a surname that ends like a street, after a title', 'Ruud meldt dat meneer Oosterhof niet kwam.', ['meneer Oosterhof']],
    ['a surname that is an ordinary word, again after a title', 'Gesproken over dhr. Jonkman. Jonkman heeft geen woning.', ['dhr. Jonkman', 'Jonkman']],
    ['a surname of two letters, again', 'Meneer Wu wil les. Zijn vrouw Li Na Wu werkt.', ['Meneer Wu', 'Wu']],
    ['a surname that is a first name too', 'Aanwezig: Okke Dijkstra en Tamar Levi.', ['Okke Dijkstra', 'Tamar Levi']],
  ])('%s', (_form, text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('leaves places, organisations and laws alone', () => {
    for (const text of [
      'Het gezin woont in Den Bosch, vlak bij het station.',
      'Ze fietst naar de overkant van de Maas.',
      'Mevrouw is opgenomen in verpleeghuis De Brink.',
      'De Raad van State oordeelde anders dan de Centrale Raad van Beroep.',
      'Post gaat naar de wijk; de Wmo 2015 en de Participatiewet gelden.',
      'Bijlage A Het besluit van het college.',
      'Het gaat om het veilig opgroeien van Noor.',
      'Adres: Kerkstraat 17, 1234 AB Voorbeeldstad.',
    ]) expect(names(text), text).toEqual([]);
  });
});

describe('date forms', () => {
  it.each([
    ['geb without a dot', 'Mw. Groen, geb 12-03-1958, alleenstaand.', 'error 12-03-1958'],
    ['year first', 'Geboren 1961-3-7 in Paramaribo.', 'error 1961-3-7'],
    ['month joined by a dash', 'Geboortedatum: 7-mrt-1961.', 'error 7-mrt-1961'],
    ['month joined by a dot', 'Geboren 7.mrt.1961 te Leiden.', 'error 7.mrt.1961'],
    ['apostrophe year', "Geboren op 7 maart '61 in Deventer.", "error 7 maart '61"],
    ['apostrophe year with dashes', "Geboren 3-3-'58, weduwnaar.", "error 3-3-'58"],
    ['spaces around the dashes', 'Geboren 14 - 02 - 1990 in Den Haag.', 'error 14 - 02 - 1990'],
    ['spaces only', 'Zij is geboren op 12 06 1975.', 'error 12 06 1975'],
    ['in brackets after a name', 'Gesprek met Kofi Asante (3-4-87) over werk.', 'warning 3-4-87'],
  ])('%s', (_form, text, expected) => {
    expect(found(text, 'privacy/birthdate')).toEqual([expected]);
  });

  it('keeps other numbers apart', () => {
    expect(found('Het gaat om 12 06 1975 en artikel 2.3.5.', 'privacy/birthdate')).toEqual([]);
    expect(found('Het besluit van 12-03-2025 staat vast.', 'privacy/birthdate')).toEqual(['info 12-03-2025']);
  });
});

describe('address forms', () => {
  it.each([
    ['-baan', 'Hij woont op de Ringbaan-Oost 240 in Tilburg.', 'Ringbaan-Oost 240'],
    ['-dam', 'Zij woont aan de Zuiderdam 7.', 'Zuiderdam 7'],
    ['-kamp', 'Het huis staat aan de Eikenkamp 12.', 'Eikenkamp 12'],
    ['Frisian', 'Hy wennet oan de Tsjerkestrjitte 4 yn Wommels.', 'Tsjerkestrjitte 4'],
    ['str.', 'Mw. woont op Kerkstr. 5 in Putten.', 'Kerkstr. 5'],
    ['ln without a dot', 'Cliënt woont Dorpsln 3, Lemmer.', 'Dorpsln 3'],
    ['lower case', 'Ingeschreven op dorpsstraat 17.', 'dorpsstraat 17'],
    ['woont aan + name', 'Ze woont aan de Linde 12 in Ede.', 'Linde 12'],
    ['an ordinary word after an adjective', 'Het kantoor zit aan de Grote Markt 2.', 'Grote Markt 2'],
    ['Laan van', 'Het gezin woont op Laan van Meerdervoort 1040, driehoog.', 'Laan van Meerdervoort 1040'],
    ['address block', 'Dhr. K. Ouali\nOude Rijn 16\n2312 HC Leiden', 'Oude Rijn 16'],
    ['address on one line', 'Van: Mehmet Arslan, Ringbaan-Oost 240, 5018 HM Tilburg', 'Ringbaan-Oost 240'],
  ])('%s', (_form, text, expected) => {
    expect(found(text, 'privacy/address').map((f) => f.replace(/^\w+ /, ''))).toContain(expected);
  });

  it('finds postcodes in lower case, but not units', () => {
    expect(found('Mevrouw woont in 1234ab Heiloo.', 'privacy/address')).toEqual(['warning 1234ab']);
    expect(found('Een rit van 1200km per maand, 2500kg hout.', 'privacy/address')).toEqual([]);
  });

  it('does not take a loopbaan, a town or a stay for an address', () => {
    for (const text of ['Zijn loopbaan 2 keer onderbroken.', 'Ze woont in Rotterdam 3 jaar.', 'In Amsterdam 2 woningen bekeken.', 'Het Sociaal Team is verhuisd naar Het Kruispunt. Het nieuwe telefoonnummer is 14 020.']) {
      expect(found(text, 'privacy/address'), text).toEqual([]);
    }
  });
});

describe('labelled numbers that fail their check', () => {
  it('reports a number after "BSN" that fails the 11-proef as a warning', () => {
    expect(found('BSN 123456789 staat op het oude formulier.', 'privacy/bsn')).toEqual(['warning 123456789']);
    expect(found('Het BSN van meneer is 873715227, klopt dat?', 'privacy/bsn')).toEqual(['warning 873715227']);
    // Without the label a number that fails the check is nothing.
    expect(found('Ordernummer 123456789 is verzonden.', 'privacy/bsn')).toEqual([]);
  });

  it('reports a number that fails the 11-proef anywhere a BSN label reaches, not only right after it', () => {
    // The label opens the sentence, the number closes it.
    expect(found('Volgens mij klopt het BSN niet dat de bewindvoerder doorgaf: 123456789.', 'privacy/bsn')).toEqual(['warning 123456789']);
    // The label after the number, or on the line before it.
    expect(found('Ze gaf 123456789 op als haar burgerservicenummer.', 'privacy/bsn')).toEqual(['warning 123456789']);
    expect(found('Sofinummer (oud formulier):\n123456789', 'privacy/bsn')).toEqual(['warning 123456789']);
    // Written with dots, spaces or dashes.
    expect(found('Het BSN dat op de brief van de bank staat, 1234.56.789, klopt niet.', 'privacy/bsn')).toEqual(['warning 1234.56.789']);
    expect(found('BSN: 123-456-789', 'privacy/bsn')).toEqual(['warning 123-456-789']);
    expect(found('BSN: 1234-56-789', 'privacy/bsn')).toEqual(['warning 1234-56-789']);
  });

  it('takes the short forms of the label as a BSN label', () => {
    expect(found('Op de oude loonstrook staat sofinr. 717087888.', 'privacy/bsn')).toEqual(['error 717087888']);
    expect(found('Burgerservicenr. moeder: 123456789', 'privacy/bsn')).toEqual(['warning 123456789']);
    expect(found('bsn nr 123456789', 'privacy/bsn')).toEqual(['warning 123456789']);
  });

  it('leaves a number alone that another label claims, or that stands far from the BSN label', () => {
    expect(found('Het BSN hebben we niet nodig, wel het ordernummer 123456789.', 'privacy/bsn')).toEqual([]);
    expect(found('Het BSN ontbreekt. De aanvraag is op 3 mei binnengekomen en daarna is er veel gebeurd, het bedrag was 123456789 cent.', 'privacy/bsn')).toEqual([]);
  });

  it('reports a number after "tel." or "mobiel" that is no valid phone number as a warning', () => {
    expect(found('Mobiel 06-1234567 (werkt niet meer).', 'privacy/phone')).toEqual(['warning 06-1234567']);
    expect(found('Telefoonnummer vader: 06-21345 (onvolledig).', 'privacy/phone')).toEqual(['warning 06-21345']);
    expect(found('Het rapport telt 06-1234567 woorden.', 'privacy/phone')).toEqual([]);
  });
});

describe('clean text that is no name', () => {
  const noNames = (texts: string[]) => {
    for (const text of texts) expect(names(text), text).toEqual([]);
  };

  it('reads "uit de", "in de", "op de" in small letters before a neighbourhood as a place, not as a surname particle', () => {
    noNames([
      'We hebben een maatje gevonden voor de meneer uit de Vogelwijk.',
      'De familie uit de Schilderswijk heeft een andere woning.',
      'Gesprek met Fatima uit de Vogelwijk over de buren.',
      'Mevrouw in de Rivierenbuurt is weer thuis.',
    ]);
    // A surname from the lists after such a particle is still one, and so is a capital "Uit".
    expect(names('De meneer uit de Bosch belde terug.')).toEqual(['meneer uit de Bosch']);
    expect(names('Meneer Uit de Vogelwijk belde terug.')).toEqual(['Meneer Uit de Vogelwijk']);
  });

  it('does not take an ordinary word that starts the next line for the surname of a name that ends a line', () => {
    noNames([
      'Aanwezig: Hans, Sylvia, Kees, Dewi\nCasus uit Oosterpark: moeder met drie kinderen.',
      'Gesprek met dhr. A.\nVervolg in het volgende overleg.',
      'p/a Bewindvoering Noord B.V.\nPostbus 1120\n9701 BC Groningen',
    ]);
    // A surname that looks like one still counts across the line break.
    expect(names('Sanne\nJansen komt morgen.')).toEqual(['Sanne\nJansen']);
    expect(names('mevrouw\nHaddouchi belde.')).toEqual(['mevrouw\nHaddouchi']);
  });

  it('does not take a post-office box for a surname', () => {
    expect(names('Bewindvoering Noord B.V. Postbus 1120, 9701 BC Groningen')).toEqual([]);
  });
});

describe('organisations that stand where a surname could', () => {
  it('reads a professional named by first name and organisation as no name', () => {
    for (const text of [
      'Aanwezig: Sanne van Cordaan, Piet van Ymere, Noor van Vluchtelingenwerk en Jan van MEE.',
      'Karin van Zilveren Kruis belde terug; Mark van Eigen Haard ook.',
      'Kees van Humanitas en Eva van Parnassia komen volgende week.',
      'Yvonne van Lowell belde over de betalingsregeling, Rik van Menzis over de premie.',
    ]) {
      expect(names(text), text).toEqual([]);
    }
    // A surname after "van" that no organisation list has is still one.
    expect(names('Sanne van Kasteren belde terug.')).toEqual(['Sanne van Kasteren']);
  });

  it('reads a shop, a hospital or a school that carries a person\'s name as no name', () => {
    for (const text of [
      'Ze doet boodschappen bij Albert Heijn en Jan Linders.',
      'Hij ligt in het Antoni van Leeuwenhoek.',
      'De zoon gaat naar de Anne Frank school.',
    ]) {
      expect(names(text), text).toEqual([]);
    }
    expect(names('Mevrouw Albertine Heijn belde.')).toEqual(['Mevrouw Albertine Heijn']);
  });
});
