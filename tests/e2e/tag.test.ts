/** `casebook tag` and `casebook values` run as a user runs them: the built CLI in a separate process. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { describe, expect, it } from 'vitest';
import { caseYaml, makeTree, repoRoot, runInProcess, addedLines } from '../helpers.js';

function exampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-tag-'));
  cpSync(path.join(repoRoot, 'cases'), path.join(dir, 'cases'), { recursive: true });
  cpSync(path.join(repoRoot, 'casebook.yaml'), path.join(dir, 'casebook.yaml'));
  return dir;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : [],
  );
}


function stripValues(text: string): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return text;
  const pair = doc.contents.items.find((p: Pair) => isScalar(p.key) && p.key.value === 'values');
  if (!pair) return text;
  const start = text.lastIndexOf('\n', (pair.key as Node).range![0] - 1) + 1;
  let end = (pair.value as Node).range![1];
  while (/\s/.test(text[end - 1]!)) end--;
  return text.slice(0, start) + text.slice(text.indexOf('\n', end) + 1);
}

const legalCase = caseYaml({
  title: 'Een besluit dat moet standhouden',
  dilemma: '"Is het besluit juridisch houdbaar in bezwaar en beroep?"',
});

interface Entry {
  file: string;
  id: string;
  values: string[];
  suggestions: Array<{ id: string; score: number; evidence: string[]; evidenceSources: string[] }>;
}

describe('casebook tag --format json', () => {
  it('prints one entry per case, in exactly the shape of the contract', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/wmo/a.yaml': `id: wmo-a\n${legalCase}values: [samen-met-de-inwoner]\n`,
      'cases/b.yaml': caseYaml({ title: 'Niets bijzonders hier', situation: 'Een inwoner belt.', dilemma: 'Wat nu?' }),
    });
    const result = await runInProcess(['tag', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as Entry[];
    expect(entries.map((e) => Object.keys(e))).toEqual([['file', 'id', 'values', 'suggestions'], ['file', 'id', 'values', 'suggestions']]);
    const [b, a] = entries;
    expect(b).toEqual({ file: 'cases/b.yaml', id: 'b', values: [], suggestions: [] });
    expect(a!.file).toBe('cases/wmo/a.yaml');
    expect(a!.id).toBe('wmo-a');
    expect(a!.values).toEqual(['samen-met-de-inwoner']);
    expect(a!.suggestions.map((s) => Object.keys(s))).toEqual([['id', 'score', 'evidence', 'evidenceSources']]);
    const [suggestion] = a!.suggestions;
    expect(suggestion!.id).toBe('rechtmatig');
    expect(suggestion!.evidence).toEqual(['juridisch houdbaar', 'bezwaar en beroep', 'standhouden']);
    expect(suggestion!.evidenceSources).toEqual(['lexicon', 'lexicon', 'lexicon']);
    expect(suggestion!.score).toBeGreaterThanOrEqual(0.7);
    expect(suggestion!.score).toBeLessThanOrEqual(1);
    expect(Number(suggestion!.score.toFixed(2))).toBe(suggestion!.score);
  });

  it('tags only the named paths, and only cases that parsed', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/a.yaml': legalCase,
      'cases/b.yaml': legalCase,
      'cases/kapot.yaml': 'title: "open\n',
    });
    const named = JSON.parse((await runInProcess(['tag', '--format', 'json', 'cases/b.yaml'], { cwd: dir })).stdout) as Entry[];
    expect(named.map((e) => e.file)).toEqual(['cases/b.yaml']);
    const all = await runInProcess(['tag', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(all.stdout) as Entry[]).map((e) => e.file)).toEqual(['cases/a.yaml', 'cases/b.yaml']);
    expect(all.stderr).toBe('cases/kapot.yaml overgeslagen: het bestand bevat YAML-fouten (zie casebook validate).\n');
  });
});

describe('casebook tag (text)', () => {
  it('shows per case what is tagged, what is suggested, and where they differ, with positions', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': `${legalCase}values: [samen-met-de-inwoner]\n` });
    const result = await runInProcess(['tag'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('cases/a.yaml');
    expect(lines[1]).toBe('  getagd: samen-met-de-inwoner');
    expect(lines[2]).toMatch(/^ {2}\+ rechtmatig {12}[01]\.\d\d {2}"juridisch houdbaar" \(5:26\), "bezwaar en beroep" \(5:48\), "standhouden" \(1:29\)$/);
    expect(lines[3]).toBe('  − samen-met-de-inwoner  getagd, niet gevonden in de tekst');
    expect(lines.slice(-3)).toEqual([
      '✓ getagd en voorgesteld   + voorgesteld, niet getagd   − getagd, niet voorgesteld',
      '1 casus: 0 zonder verschil, 1 met verschillen, 0 zonder kernwaarden.',
      '',
    ]);
  });

  it('speaks English with --lang en', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': legalCase });
    const result = await runInProcess(['tag', '--lang', 'en'], { cwd: dir });
    expect(result.stdout).toContain('  tagged: (none)\n');
    expect(result.stdout).toContain('1 case: 0 without differences, 0 with differences, 1 without values.\n');
  });

  it('has examples in its help', async () => {
    const result = await runInProcess(['tag', '--help'], { cwd: repoRoot });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('casebook tag --check');
    expect(result.stdout).toContain('--threshold <score>');
    expect((await runInProcess(['values', '--help', '--lang', 'en'], { cwd: repoRoot })).stdout).toContain('casebook values --format json');
  });

  it.each([
    [['tag', '--format', 'xml'], "Onbekend uitvoerformaat 'xml'. Kies uit: text, json."],
    [['tag', '--threshold', '2'], "'2' is geen geldige score voor --threshold. Geef een getal van 0 tot 1, bijvoorbeeld 0.4."],
    [['tag', '--all'], '--all werkt alleen samen met --write.'],
  ])('exits 2 on %j', async (args, message) => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': legalCase });
    const result = await runInProcess(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`casebook: ${message}\n`);
  });
});

describe('casebook tag --check', () => {
  it('exits 1 for a case without values, naming it', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': legalCase });
    const result = await runInProcess(['tag', '--check', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cases/a.yaml: de casus heeft geen kernwaarden.\ntag --check: 1 probleem.\n');
  });

  it('exits 1 when a strongly suggested value is missing, 0 when it is tagged or the bar is higher', async () => {
    const mild = caseYaml({ dilemma: '"Is het besluit juridisch houdbaar?"' });
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': `${mild}values: [maatwerk]\n` });
    const missing = await runInProcess(['tag', '--check'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("cases/a.yaml: sterk voorgestelde kernwaarde 'rechtmatig' (score 0.92) is niet getagd.\ntag --check: 1 probleem.\n");
    expect((await runInProcess(['tag', '--check', '--strong', '0.93'], { cwd: dir })).code).toBe(0);
    expect((await runInProcess(['tag', '--check', '--strong', '0,92'], { cwd: dir })).code).toBe(1);
    writeFileSync(path.join(dir, 'casebook.yaml'), 'title: Boek\ntagging: { strong: 0.93 }\n');
    expect((await runInProcess(['tag', '--check'], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'cases/a.yaml'), `${mild}values: [maatwerk, rechtmatig]\n`);
    writeFileSync(path.join(dir, 'casebook.yaml'), 'title: Boek\n');
    expect((await runInProcess(['tag', '--check'], { cwd: dir })).code).toBe(0);
  });

  it('fails on the example casebook only for its draft without values', async () => {
    const result = await runInProcess(['tag', '--check', '--strong', '1'], { cwd: repoRoot });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cases/jeugdwet/jeugdwet-jonge-mantelzorger-en-leerplicht.yaml: de casus heeft geen kernwaarden.\ntag --check: 1 probleem.\n');
  });
});

describe('casebook tag --write', () => {
  it('fills in the draft of the example casebook; validate is clean and only value lines were added', async () => {
    const dir = exampleCopy();
    const before = new Map(yamlFiles(dir).map((f) => [f, readFileSync(f, 'utf8')]));
    const result = await runInProcess(['tag', '--write'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kernwaarden toegevoegd aan cases/jeugdwet/jeugdwet-jonge-mantelzorger-en-leerplicht.yaml: ');
    expect(result.stdout).toContain('1 bestand bijgewerkt.\n');
    for (const [file, text] of before) {
      const after = readFileSync(file, 'utf8');
      if (file.endsWith('jeugdwet-jonge-mantelzorger-en-leerplicht.yaml')) {
        const added = addedLines(text, after)!;
        expect(added[0]).toBe('values:');
        expect(added.slice(1).every((line) => /^ {2}- [a-z-]+$/.test(line))).toBe(true);
        expect(added.length).toBeGreaterThan(1);
      } else {
        expect(after).toBe(text);
      }
    }
    const validation = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(validation.code).toBe(0);
    expect(JSON.parse(validation.stdout).errors).toBe(0);
    expect((await runInProcess(['tag', '--check', '--strong', '1'], { cwd: dir })).code).toBe(0);
  });

  it('adds values back to every example case stripped of them, adding lines only', async () => {
    const dir = exampleCopy();
    const stripped = new Map(yamlFiles(path.join(dir, 'cases')).map((f) => [f, stripValues(readFileSync(f, 'utf8'))]));
    for (const [file, text] of stripped) writeFileSync(file, text);
    const result = await runInProcess(['tag', '--write'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('16 bestanden bijgewerkt.\n');
    for (const [file, text] of stripped) {
      const added = addedLines(text, readFileSync(file, 'utf8'));
      expect(added?.[0], file).toBe('values:');
    }
    const validation = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(validation.stdout).errors).toBe(0);
  });

  it('with --all, adds missing suggestions to cases that have values', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': `${legalCase}values: [maatwerk]  # gekozen in het team\n` });
    expect((await runInProcess(['tag', '--write'], { cwd: dir })).stdout).not.toContain('bijgewerkt');
    expect(readFileSync(path.join(dir, 'cases/a.yaml'), 'utf8')).toBe(`${legalCase}values: [maatwerk]  # gekozen in het team\n`);
    await runInProcess(['tag', '--write', '--all'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'cases/a.yaml'), 'utf8')).toBe(`${legalCase}values: [maatwerk, rechtmatig]  # gekozen in het team\n`);
  });

  it('never touches a file with YAML errors', async () => {
    const broken = `${legalCase}situation: "open\n`;
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/kapot.yaml': broken });
    const result = await runInProcess(['tag', '--write'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cases/kapot.yaml overgeslagen: het bestand bevat YAML-fouten (zie casebook validate).\n');
    expect(readFileSync(path.join(dir, 'cases/kapot.yaml'), 'utf8')).toBe(broken);
  });
});

describe('casebook values', () => {
  it('lists the built-in set with its provenance', async () => {
    const result = await runInProcess(['values'], { cwd: repoRoot });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Kernwaarden (10), ingebouwde set');
    expect(lines[1]).toContain('afgeleid van De Omgekeerde Toets');
    expect(lines[1]).toContain('geen citaat uit een publicatie');
    expect(lines[3]).toBe('effect-voorop  Effect voorop');
    expect(lines[4]).toBe('  Begin bij het effect dat de inwoner wil bereiken; houd het doel los van het middel (een product, een voorziening).');
    expect(lines[5]).toMatch(/^ {2}\d+ signaalwoorden, onder andere: "/);
    expect(lines.filter((l) => /^[a-z-]+ {2}/.test(l)).map((l) => l.split(' ')[0])).toEqual([
      'effect-voorop', 'bedoeling-van-de-wet', 'eigen-kracht', 'samen-met-de-inwoner', 'integraal',
      'maatwerk', 'vertrouwen', 'lange-termijn', 'rechtmatig', 'leren-en-verbeteren',
    ]);
  });

  it('speaks English with --lang en, and gives JSON with --format json', async () => {
    const english = (await runInProcess(['values', '--lang', 'en'], { cwd: repoRoot })).stdout.split('\n');
    expect(english[0]).toBe('Core values (10), built-in set');
    expect(english[3]).toBe('effect-voorop  Effect first');
    const json = JSON.parse((await runInProcess(['values', '--format', 'json'], { cwd: repoRoot })).stdout);
    expect(json.source).toBe('built-in');
    expect(json.values).toHaveLength(10);
    expect(Object.keys(json.values[0])).toEqual(['id', 'label', 'description', 'signals', 'exclude', 'fields']);
    expect(json.values[0].fields).toEqual({ effect: 1.5 });
  });

  it("lists a casebook's own set, and reports a broken one with positions (exit 1)", async () => {
    const own = ['values:', '  - id: zorg', '    label: Zorg', '    description: Goede zorg.', ''].join('\n');
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\nvalues: kernwaarden.yaml\n', 'kernwaarden.yaml': own, 'cases/a.yaml': caseYaml() });
    const listed = await runInProcess(['values'], { cwd: dir });
    expect(listed.stdout).toBe('Kernwaarden (1), eigen set uit kernwaarden.yaml\nEigen set: kernwaarden.yaml\n\nzorg  Zorg\n  Goede zorg.\n  geen signaalwoorden; de tagger zoekt op het label\n');
    writeFileSync(path.join(dir, 'kernwaarden.yaml'), own.replace('id: zorg', 'id: Zorg Twee'));
    const broken = await runInProcess(['values'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('kernwaarden.yaml');
    expect(broken.stderr).toContain('2:9');
    expect(broken.stderr).toContain("Het id 'Zorg Twee' mag geen spaties of schuine strepen bevatten.");
    const tagged = await runInProcess(['tag'], { cwd: dir });
    expect(tagged.code).toBe(2);
    expect(tagged.stderr).toBe("casebook: Het bestand met kernwaarden kernwaarden.yaml bevat fouten, dus er kan niet worden getagd. Voer 'casebook validate' uit voor de details.\n");
  });
});
