/**
 * The tagger's matching and scoring: compounds, inflections, the phrase syntax, exclusions,
 * saturation, field weights, and determinism. Custom value sets keep each test to the point.
 */
import { describe, expect, it } from 'vitest';
import { caseId, parseSource } from '../../src/load/index.js';
import { loadBuiltInValues } from '../../src/load/config.js';
import { RELATIVE_TO_BEST, tagCase, type CaseTags } from '../../src/tag/index.js';
import type { CaseFile, CoreValue, ValueSet } from '../../src/types.js';

function caseFile(text: string, name = 'case.yaml'): CaseFile {
  const source = parseSource(`/tmp/${name}`, new TextEncoder().encode(text), { lang: 'nl' });
  return Object.assign(source, { id: caseId(source) });
}

function valueSet(values: Array<Partial<CoreValue> & { id: string }>): ValueSet {
  return {
    source: 'test',
    provenance: { nl: '', en: '' },
    values: values.map((v) => ({ label: { nl: v.id, en: v.id }, description: { nl: '', en: '' }, ...v })),
  };
}

/** The case's suggestions as `id score` and the phrases found, everything above zero. */
function tag(text: string, set: ValueSet, threshold = 0.01): CaseTags {
  return tagCase(caseFile(text), set, { threshold, maxSuggestions: 10, relative: 0 });
}

const phrases = (result: CaseTags, id: string) => result.suggestions.find((s) => s.id === id)?.evidence.map((e) => e.text) ?? [];
const scoreOf = (result: CaseTags, id: string) => result.suggestions.find((s) => s.id === id)?.score ?? 0;

describe('matching Dutch text', () => {
  it('finds a value inside compounds: maatwerkvoorziening, langetermijneffect, eigenkracht', () => {
    const set = valueSet([
      { id: 'maatwerk', signals: [{ phrase: 'maatwerk' }] },
      { id: 'lange-termijn', signals: [{ phrase: 'lange termijn' }] },
      { id: 'eigen-kracht', signals: [{ phrase: 'eigen kracht' }] },
    ]);
    const result = tag('title: Een casus\nsituation: Een maatwerkvoorziening met een langetermijneffect, en de eigenkracht-conferentie.\n', set);
    expect(phrases(result, 'maatwerk')).toEqual(['maatwerkvoorziening']);
    expect(phrases(result, 'lange-termijn')).toEqual(['langetermijneffect']);
    expect(phrases(result, 'eigen-kracht')).toEqual(['eigenkracht']);
  });

  it('matches phrases across inflection and hyphenation', () => {
    const set = valueSet([
      { id: 'samen', signals: [{ phrase: 'echt gesprek' }] },
      { id: 'lang', signals: [{ phrase: 'lange termijn' }] },
    ]);
    const result = tag('title: Twee echte gesprekken\nsituation: Het lange-termijneffect telt.\n', set);
    expect(phrases(result, 'samen')).toEqual(['echte gesprekken']);
    expect(phrases(result, 'lang')).toEqual(['lange-termijneffect']);
  });

  it('does not take a word for the end of a compound after a particle or a short head', () => {
    const set = valueSet([{ id: 'maatwerk', signals: [{ phrase: 'gelijkheid' }] }]);
    const result = tag('title: Het is mogelijk\nsituation: We vergelijken het, maar ongelijkheid telt.\n', set);
    expect(phrases(result, 'maatwerk')).toEqual(['ongelijkheid']);
  });

  it('supports =word (no compounds), word* (prefix), a|b and ... (a gap)', () => {
    const set = valueSet([
      { id: 'stem-only', signals: [{ phrase: '=gesprek' }] },
      { id: 'prefix', signals: [{ phrase: 'evalu*' }] },
      { id: 'either', signals: [{ phrase: 'doel|middel op zich' }] },
      { id: 'gap', signals: [{ phrase: 'niet over ... maar met' }] },
    ]);
    const result = tag(
      'title: Een casus\nsituation: Een keukentafelgesprek en een gesprek. We evalueren de evaluatie. Het middel op zich. Niet over haar hoofd maar met haar.\n',
      set,
    );
    expect(phrases(result, 'stem-only')).toEqual(['gesprek']);
    expect(phrases(result, 'prefix')).toEqual(['evalueren', 'evaluatie']);
    expect(phrases(result, 'either')).toEqual(['middel op zich']);
    expect(phrases(result, 'gap')).toEqual(['Niet over haar hoofd maar met']);
  });

  it('does not let a gap cross a sentence', () => {
    const set = valueSet([{ id: 'gap', signals: [{ phrase: 'doel ... middel' }] }]);
    expect(tag('title: Een casus\nsituation: Het doel is helder. Het middel niet.\n', set).suggestions).toEqual([]);
  });

  it('drops a signal inside an excluded phrase', () => {
    const set = valueSet([{ id: 'vertrouwen', signals: [{ phrase: 'vertrouwen' }], exclude: ['vertrouwde omgeving'] }]);
    const result = tag('title: Een casus\nsituation: In haar vertrouwde omgeving groeit het vertrouwen.\n', set);
    expect(phrases(result, 'vertrouwen')).toEqual(['vertrouwen']);
  });

  it('takes the most specific reading where signals overlap', () => {
    const set = valueSet([{ id: 'maatwerk', signals: [{ phrase: 'maatwerk', weight: 3 }, { phrase: 'maatwerkvoorziening', weight: 0.5 }] }]);
    const compound = tag('title: Een maatwerkvoorziening\nsituation: Tekst.\n', set);
    const word = tag('title: Echt maatwerk\nsituation: Tekst.\n', set);
    expect(phrases(compound, 'maatwerk')).toEqual(['maatwerkvoorziening']);
    expect(scoreOf(compound, 'maatwerk')).toBeLessThan(scoreOf(word, 'maatwerk'));
  });

  it('falls back to the label when a value has no signals', () => {
    const set = valueSet([{ id: 'zorg', label: { nl: 'Goede zorg', en: 'Good care' } }]);
    expect(phrases(tag('title: Een casus\nsituation: Het gaat om goede zorg.\n', set), 'zorg')).toEqual(['goede zorg']);
  });
});

describe('scoring', () => {
  const set = valueSet([
    { id: 'a', signals: [{ phrase: 'kompas' }, { phrase: 'landkaart' }, { phrase: 'verrekijker' }] },
    { id: 'b', signals: [{ phrase: 'anker' }] },
  ]);

  it('saturates: one word repeated counts less than different signals', () => {
    const repeated = tag(`title: Een casus\nsituation: ${'kompas '.repeat(10)}\n`, set);
    const varied = tag('title: Een casus\nsituation: kompas landkaart verrekijker\n', set);
    const once = tag('title: Een casus\nsituation: kompas\n', set);
    expect(scoreOf(repeated, 'a')).toBeGreaterThan(scoreOf(once, 'a'));
    expect(scoreOf(repeated, 'a')).toBeLessThan(scoreOf(varied, 'a'));
    expect(scoreOf(repeated, 'a')).toBeLessThan(2 * scoreOf(once, 'a'));
  });

  it('weighs a dilemma more than a passing remark in the situation', () => {
    const inDilemma = tag('title: Een casus\nsituation: Tekst.\ndilemma: Het anker?\n', set);
    const inSituation = tag('title: Een casus\nsituation: Het anker.\ndilemma: Tekst?\n', set);
    expect(scoreOf(inDilemma, 'b')).toBeGreaterThan(scoreOf(inSituation, 'b'));
  });

  it('lets hints (weight below 1) add up to a little only', () => {
    const hints = ['roer', 'mast', 'zeil', 'boeg', 'kiel', 'romp', 'vlag', 'boei'];
    const weak = valueSet([{ id: 'hints', signals: hints.map((phrase) => ({ phrase, weight: 0.5 })) }, { id: 'one', signals: [{ phrase: 'roer', weight: 2 }] }]);
    const result = tag(`title: Een casus\ndilemma: ${hints.join(' ')}?\n`, weak);
    expect(scoreOf(result, 'hints')).toBeLessThan(scoreOf(result, 'one'));
    expect(scoreOf(result, 'hints')).toBeLessThan(0.4);
  });

  it('allows a long case more passing mentions than a short one', () => {
    const filler = 'Een zin zonder signaal erin. '.repeat(80);
    const short = tag('title: Een casus\ndilemma: Het anker?\n', set);
    const long = tag(`title: Een casus\nsituation: ${filler}\ndilemma: Het anker?\n`, set);
    expect(scoreOf(long, 'b')).toBeLessThan(scoreOf(short, 'b'));
  });

  it("counts a value's signals more in its own fields", () => {
    const boosted = valueSet([{ id: 'b', signals: [{ phrase: 'anker' }], fields: { effect: 2 } }]);
    const inEffect = tag('title: Een casus\neffect: Het anker.\npurpose: Tekst.\n', boosted);
    const inPurpose = tag('title: Een casus\neffect: Tekst.\npurpose: Het anker.\n', boosted);
    expect(scoreOf(inEffect, 'b')).toBeGreaterThan(scoreOf(inPurpose, 'b'));
    expect(scoreOf(tag('title: Een casus\neffect: Het anker.\npurpose: Tekst.\n', set), 'b')).toBe(scoreOf(inPurpose, 'b'));
  });

  it('never reads values, a why or an option\'s values', () => {
    const text = [
      'title: Een casus',
      'situation: Tekst.',
      'options:',
      '  - title: Iets',
      '    values: [anker]',
      'values:',
      '  - id: kompas',
      '    why: kompas landkaart anker',
      '',
    ].join('\n');
    expect(tag(text, set).suggestions).toEqual([]);
  });

  it('reads every text field, option texts, lessons and questions', () => {
    for (const field of ['summary: anker', 'request: anker', 'effect: anker', 'purpose: anker', 'consequences: anker', 'decision: anker', 'outcome: anker', 'lessons: [anker]', 'questions: [anker]', 'options: [{title: anker}]', 'options: [{title: x, for: [anker]}]', 'options: [{title: x, against: [anker]}]']) {
      expect(tag(`title: Een casus\n${field}\n`, set).suggestions.map((s) => s.id)).toEqual(['b']);
    }
  });

  it('is deterministic and independent of the order of the value set', () => {
    const text = 'title: Een casus\nsituation: kompas anker landkaart\ndilemma: anker of kompas?\n';
    const first = tag(text, set);
    expect(tag(text, set)).toEqual(first);
    const reversed = tag(text, { ...set, values: [...set.values].reverse() });
    expect(reversed.suggestions.map((s) => [s.id, s.score])).toEqual(first.suggestions.map((s) => [s.id, s.score]));
  });

  it('gives scores in 0..1, best first, and applies the threshold and the maximum', () => {
    const text = 'title: kompas landkaart verrekijker anker\ndilemma: kompas landkaart verrekijker anker?\n';
    const all = tag(text, set);
    expect(all.suggestions.map((s) => s.id)).toEqual(['a', 'b']);
    for (const s of all.suggestions) expect(s.score).toBeGreaterThan(0), expect(s.score).toBeLessThanOrEqual(1);
    const cut = tagCase(caseFile(text), set, { threshold: all.suggestions[1]!.score + 0.01 });
    expect(cut.suggestions.map((s) => s.id)).toEqual(['a']);
    expect(tagCase(caseFile(text), set, { threshold: 0, maxSuggestions: 1 }).suggestions.map((s) => s.id)).toEqual(['a']);
  });

  it('lets values compete: one far below the case\'s best is a passing remark, not a suggestion', () => {
    const text = 'title: Een casus\ndilemma: kompas, landkaart en verrekijker?\nlessons: [kompas en landkaart]\nsituation: Het anker.\n';
    const all = tag(text, set);
    const [a, b] = all.suggestions;
    expect([a!.id, b!.id]).toEqual(['a', 'b']);
    expect(b!.score).toBeLessThan(RELATIVE_TO_BEST * a!.score);
    expect(tagCase(caseFile(text), set, { threshold: 0.01 }).suggestions.map((s) => s.id)).toEqual(['a']);
    expect(tagCase(caseFile(text), set, { threshold: 0.01, relative: b!.score / a!.score }).suggestions.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('reports the case file, id and current values', () => {
    const result = tag('id: mijn-casus\ntitle: Een casus\nsituation: anker\nvalues: [a, {id: b, why: x}]\n', set);
    expect([result.file, result.id, result.values]).toEqual(['/tmp/case.yaml', 'mijn-casus', ['a', 'b']]);
  });
});

describe('the built-in value set', () => {
  const builtIn = loadBuiltInValues();
  const ids = (text: string) => {
    const file = caseFile(text);
    expect(file.messages).toEqual([]);
    return tagCase(file, builtIn).suggestions.map((s) => s.id);
  };

  it('has signals for every value and recognises each value in a plain sentence about it', () => {
    for (const value of builtIn.values) expect(value.signals!.length).toBeGreaterThan(10);
    expect(ids('title: Doel en middel\ndilemma: Wat wil ze bereiken? De traplift is een middel, geen doel op zich.\n')).toContain('effect-voorop');
    expect(ids('title: De geest van de wet\ndilemma: Volgen we de letter van de wet, of de bedoeling van de wet?\n')).toContain('bedoeling-van-de-wet');
    expect(ids('title: Eigen kracht\ndilemma: Kan het netwerk helpen, of is de mantelzorg al overbelast? Dat is gebruikelijke hulp.\n')).toContain('eigen-kracht');
    expect(ids('title: Samen met de inwoner\ndilemma: Beslissen we over haar hoofd heen, of luisteren we en maken we samen afspraken?\n')).toContain('samen-met-de-inwoner');
    expect(ids('title: Een gezin, een plan\ndilemma: Zes hulpverleners werken langs elkaar heen; komt er een integrale aanpak met een regisseur?\n')).toContain('integraal');
    expect(ids('title: Maatwerk\ndilemma: Gelijke gevallen gelijk, dus wijken we af voor deze persoonlijke omstandigheden zonder willekeur?\n')).toContain('maatwerk');
    expect(ids('title: Vertrouwen\ndilemma: Geven we het voordeel van de twijfel, of kiezen we voor controle uit wantrouwen?\n')).toContain('vertrouwen');
    expect(ids('title: Lange termijn\ndilemma: Nu goedkoop is later duurkoop, dus investeren we in preventie op de lange termijn?\n')).toContain('lange-termijn');
    expect(ids('title: Rechtmatig\ndilemma: Is het besluit juridisch houdbaar in bezwaar en beroep, en evenredig?\n')).toContain('rechtmatig');
    expect(ids('title: Leren\ndilemma: Signaleren we het knelpunt aan het beleid, zodat we de regel aanpassen en ervan leren?\n')).toContain('leren-en-verbeteren');
  });

  it('does not read a familiar place as trust, or possible as equal', () => {
    expect(ids('title: Thuis\nsituation: Ze wil in haar vertrouwde omgeving blijven.\ndilemma: Is dat mogelijk?\n')).toEqual([]);
  });

  /** Everything the built-in set finds, with the phrases per value. */
  const found = (text: string) => {
    const file = caseFile(text);
    expect(file.messages).toEqual([]);
    const result = tagCase(file, builtIn, { threshold: 0.01, maxSuggestions: 10, relative: 0 });
    return Object.fromEntries(result.suggestions.map((s) => [s.id, s.evidence.map((e) => e.text)]));
  };

  it('does not take look-alikes for signals: a word whose stem is another word, or a word with another sense', () => {
    // "eigenlijk" stems to "eigen"; "gelijkheid" to "gelijk", which starts "gelijkvloers".
    expect(found('title: Een casus\ndilemma: Is dit haar eigen doel?\n')['effect-voorop']).toEqual(['doel']);
    expect(found('title: Een casus\ndilemma: Is het eigenlijke doel een veilig huis?\n')['effect-voorop']).toEqual(['eigenlijke doel']);
    expect(found('title: Een casus\nsituation: Een gelijkvloerse woning.\n').maatwerk).toBeUndefined();
    // Motivating a person is not the reasons given for a decision.
    expect(found('title: Een casus\ndilemma: Hoe motiveren we de jongere om naar school te gaan?\n').rechtmatig).toBeUndefined();
    expect(found('title: Een casus\ndilemma: Kunnen we de afwijzing goed motiveren?\n').rechtmatig).toEqual(['afwijzing goed motiveren']);
    // A routine, a squeeze and a legal principle are not learning, nor trust.
    expect(found('title: Een casus\ndilemma: Haar weekpatroon raakt in de knel.\n')['leren-en-verbeteren']).toBeUndefined();
    const principle = found('title: Een casus\ndilemma: Het vertrouwensbeginsel geldt hier.\n');
    expect([principle.vertrouwen, principle.rechtmatig]).toEqual([undefined, ['vertrouwensbeginsel']]);
  });

  it('weighs trust as a stance more than the word: trusting the resident, not trust that was lost', () => {
    const score = (text: string) => tagCase(caseFile(text), builtIn, { threshold: 0.01, relative: 0 }).suggestions.find((s) => s.id === 'vertrouwen')?.score ?? 0;
    const lost = score('title: Een casus\ndilemma: Het vertrouwen van moeder in de jeugdhulp is weg. Wat nu?\n');
    const stance = score('title: Een casus\ndilemma: Gaan we uit van vertrouwen in de ouders? Wat nu?\n');
    expect(lost).toBeGreaterThan(0);
    expect(stance).toBeGreaterThan(lost);
    expect(found('title: Een casus\ndilemma: Hij nam de buurvrouw in vertrouwen.\n').vertrouwen).toBeUndefined();
  });

  it('reads a mantelzorger in the story as less than calling on the network', () => {
    const score = (text: string) => tagCase(caseFile(text), builtIn, { threshold: 0.01, relative: 0 }).suggestions.find((s) => s.id === 'eigen-kracht')?.score ?? 0;
    const context = score('title: Een casus\ndilemma: Haar mantelzorger is op vakantie; wat nu?\n');
    const stance = score('title: Een casus\ndilemma: Kunnen we een beroep doen op haar netwerk voordat we een voorziening inzetten?\n');
    expect(context).toBeGreaterThan(0);
    expect(stance).toBeGreaterThan(context);
  });
});
