/** casebook import's parts: headings, the level of the cases, legal references, titles, dates, Markdown. */
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { caseTitle, legalEntry } from '../../src/import/case.js';
import { blockMarkdown } from '../../src/import/markdown.js';
import { fieldOf, isBookPart, normalizeHeading } from '../../src/import/sections.js';
import { chooseLevel, flatten, splitCases } from '../../src/import/split.js';

const nodes = (html: string) => parseDocument(html).children;

describe('section headings', () => {
  it('maps the usual Dutch headings and their variants, whatever their numbering, case or colon', () => {
    expect(fieldOf('Situatie')).toBe('situation');
    expect(fieldOf('3. HULPVRAAG:')).toBe('request');
    expect(fieldOf('Stap 2 – Bedoeling van de wet')).toBe('purpose');
    expect(fieldOf('Gewenst effect (stap 1)')).toBe('effect');
    expect(fieldOf('Het dilemma')).toBe('dilemma');
    expect(fieldOf('Wettelijk kader')).toBe('legal');
    expect(fieldOf('Geleerde lessen')).toBe('lessons');
    expect(fieldOf('Kernwaarden')).toBe('values');
    expect(fieldOf('Netwerk van het gezin')).toBeUndefined();
    expect(isBookPart('Inhoudsopgave')).toBe(true);
    expect(normalizeHeading('  Één  Casus: ')).toBe('een casus');
  });
});

describe('splitting into cases', () => {
  it('chooses the level with the most case-title headings that have sections under them', () => {
    const html = '<h1>Ons boekje</h1><h1>Inhoud</h1><h2>Wmo</h2><h3>Casus een over iets</h3><h4>Situatie</h4><p>a</p><h3>Casus twee over iets</h3><h4>Dilemma</h4><p>b</p><h2>Jeugd</h2><h3>Casus drie over iets</h3><p><strong>Situatie</strong></p><p>c</p>';
    const items = flatten(html);
    expect(chooseLevel(items)).toBe(3);
    const split = splitCases(items, 3);
    expect(split.cases.map((c) => [c.heading, c.chapter])).toEqual([['Casus een over iets', 'Wmo'], ['Casus twee over iets', 'Wmo'], ['Casus drie over iets', 'Jeugd']]);
    expect(split.cases[2]!.sections.map((s) => [s.heading, s.field])).toEqual([[undefined, undefined], ['Situatie', 'situation']]);
    expect(split.skipped.map((s) => s.heading)).toEqual(['Ons boekje', 'Inhoud', 'Wmo', 'Jeugd']);
  });

  it('reads "Dilemma: …" as a section with its text, and keeps a deeper heading inside its section', () => {
    const split = splitCases(flatten('<h2>Een casus over iets</h2><p><b>Dilemma:</b> Doen we A of B?</p><h3>Opties</h3><h4>Optie A</h4><p>x</p>'), 2);
    const [preamble, dilemma, options] = split.cases[0]!.sections;
    expect(preamble!.items).toEqual([]);
    expect(dilemma!.field).toBe('dilemma');
    expect(blockMarkdown(dilemma!.items.map((i) => i.node))).toBe('Doen we A of B?');
    expect(options!.items.map((i) => i.kind)).toEqual(['heading', 'block']);
  });
});

describe('legal references', () => {
  it('reads law, article and note as casebook writes them and as people do', () => {
    expect(legalEntry(nodes('<strong>Wmo 2015</strong>, art. 2.3.5 — Een *notitie*'))).toEqual({ law: 'Wmo 2015', article: '2.3.5', note: 'Een \\*notitie\\*' });
    expect(legalEntry(nodes('<strong>Awb</strong>, art. 3:4 — Evenredigheid'))).toEqual({ law: 'Awb', article: '3:4', note: 'Evenredigheid' });
    expect(legalEntry(nodes('<strong>Verordening</strong> — Alleen een noot'))).toEqual({ law: 'Verordening', note: 'Alleen een noot' });
    expect(legalEntry(nodes('Jeugdwet art. 2.3 – de jeugdhulpplicht'))).toEqual({ law: 'Jeugdwet', article: '2.3', note: 'de jeugdhulpplicht' });
    expect(legalEntry(nodes('Participatiewet artikel 35: bijzondere bijstand'))).toEqual({ law: 'Participatiewet', article: '35', note: 'bijzondere bijstand' });
    expect(legalEntry(nodes('Participatiewet artikel 9 lid 2'))).toEqual({ law: 'Participatiewet', article: '9 lid 2' });
    expect(legalEntry(nodes('Jeugdwet'))).toEqual({ law: 'Jeugdwet' });
  });
});

describe('titles, dates, Markdown', () => {
  it('drops a case number before the title', () => {
    expect(caseTitle('Casus 3: Een titel')).toBe('Een titel');
    expect(caseTitle('12. Een titel')).toBe('Een titel');
    expect(caseTitle('2025 begon goed')).toBe('2025 begon goed');
  });

  it('turns HTML into Markdown: emphasis, links, lists, quotes, tables; no script; literal asterisks escaped', () => {
    const md = blockMarkdown(nodes('<p>Een <strong>vet</strong> en <em>schuin</em> woord, 2 * 3, <a href="https://example.org/a b">link</a>, <a href="#_Toc1">intern</a>.</p><ul><li>een<ul><li>twee</li></ul></li></ul><blockquote><p>citaat</p></blockquote><script>alert(1)</script><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2|3</td></tr></table>'));
    expect(md).toBe('Een **vet** en *schuin* woord, 2 \\* 3, [link](https://example.org/a%20b), intern.\n\n- een\n\n  - twee\n\n> citaat\n\n| A | B |\n| --- | --- |\n| 1 | 2\\|3 |');
  });
});

describe('a file that cannot be imported', () => {
  it('says which files can, and how to get one from Word\'s old format or a PDF', async () => {
    const { readSource } = await import('../../src/import/read.js');
    const kinds = 'kies een Word-bestand (.docx), Markdown (.md) of HTML (.html).';
    await expect(readSource('boekje.txt', 'nl')).rejects.toThrow(new RegExp(`^'boekje.txt' kan niet worden geïmporteerd: ${kinds.replace(/[.()]/g, '\\$&')}$`));
    await expect(readSource('boekje.DOC', 'nl')).rejects.toThrow(`${kinds} Open het in Word en kies Bestand > Opslaan als > Word-document (*.docx); importeer dan dat bestand.`);
    await expect(readSource('boekje.pdf', 'en')).rejects.toThrow('A PDF no longer has the headings that mark cases.');
  });
});
