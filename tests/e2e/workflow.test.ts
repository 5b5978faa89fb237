/** init, new and stats, run as a new user would, in an empty folder. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeTree, runInProcess } from '../helpers.js';

describe('casebook init', () => {
  it('creates a casebook that validates, with VS Code and GitHub set up', async () => {
    const dir = makeTree({});
    const result = await runInProcess(['init', 'boek', '--title', 'Casusboek Wmo: Oost', '--organisation', 'Gemeente Oost'], { cwd: dir });
    expect(result.code).toBe(0);
    const root = path.join(dir, 'boek');
    for (const file of ['casebook.yaml', 'cases/wmo/wmo-traplift-of-verhuizen.yaml', 'schemas/case.schema.json', '.vscode/settings.json',
      '.vscode/extensions.json', '.github/workflows/casebook.yml', '.gitignore']) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    const config = parse(readFileSync(path.join(root, 'casebook.yaml'), 'utf8'));
    expect(config).toMatchObject({ title: 'Casusboek Wmo: Oost', organisation: 'Gemeente Oost', cases: ['cases'] });
    const settings = JSON.parse(readFileSync(path.join(root, '.vscode/settings.json'), 'utf8'));
    expect(settings['yaml.schemas']['./schemas/case.schema.json']).toContain('cases/**/*.yaml');
    expect((await runInProcess(['validate'], { cwd: root })).code).toBe(0);
  });

  it('refuses to overwrite, unless --force', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Mijn eigen boek\n' });
    const refused = await runInProcess(['init'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('casebook.yaml');
    expect(readFileSync(path.join(dir, 'casebook.yaml'), 'utf8')).toBe('title: Mijn eigen boek\n');
    expect(existsSync(path.join(dir, '.gitignore'))).toBe(false);
    expect((await runInProcess(['init', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'casebook.yaml'), 'utf8')).toContain('# De titel van het casusboek');
  });
});

describe('casebook new', () => {
  it('writes a commented draft case, named after its title, in its domain folder', async () => {
    const dir = makeTree({});
    await runInProcess(['init'], { cwd: dir });
    const result = await runInProcess(['new', 'Giften van familie: mag dat?', '--domain', 'participatiewet', '--role', 'inkomensconsulent'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Domein:');
    const file = path.join(dir, 'cases/participatiewet/giften-van-familie-mag-dat.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/case.schema.json');
    expect(text).toContain('# Stap 1: welk effect wil de inwoner bereiken?');
    expect(parse(text)).toMatchObject({ id: 'giften-van-familie-mag-dat', title: 'Giften van familie: mag dat?', status: 'draft', domains: ['participatiewet'], role: 'inkomensconsulent' });
    expect((await runInProcess(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('refuses to overwrite, and refuses unknown domains with a suggestion', async () => {
    const dir = makeTree({});
    await runInProcess(['init'], { cwd: dir });
    const file = path.join(dir, 'cases/wmo/een-bestaande-casus.yaml');
    const first = await runInProcess(['new', 'Een bestaande casus'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Domein: wmo, het eerste domein van het casusboek. Hoort de casus bij een ander domein (jeugdwet, participatiewet, schuldhulpverlening, inburgering, integraal)?');
    writeFileSync(file, readFileSync(file, 'utf8') + '# eigen aantekening\n');
    const again = await runInProcess(['new', 'Een bestaande casus'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("casebook: Er is al een casus met het id 'een-bestaande-casus' (cases/wmo/een-bestaande-casus.yaml); het id volgt uit de titel. Kies een andere titel, of werk verder in dat bestand.\n");
    expect(readFileSync(file, 'utf8')).toContain('# eigen aantekening');
    const domain = await runInProcess(['new', 'Nog een casus', '--domain', 'jeugd'], { cwd: dir });
    expect(domain.code).toBe(2);
    expect(domain.stderr).toContain("bedoelde je 'jeugdwet'?");
    // An id in other capitals is that id.
    expect((await runInProcess(['new', 'Een derde casus', '--domain', 'Jeugdwet'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'cases', 'jeugdwet', 'een-derde-casus.yaml'), 'utf8')).toContain('domains: [jeugdwet]');
  });
});

describe('casebook stats', () => {
  const tree = () => makeTree({
    'casebook.yaml': 'title: Boek\n',
    'cases/a.yaml': 'title: Eerste casus\nstatus: published\ndomains: [wmo, jeugdwet]\nrole: wmo-consulent\nsituation: x\ndilemma: y\nvalues: [maatwerk, {id: vertrouwen, why: z}]\n',
    'cases/b.yaml': 'title: Tweede casus\nstatus: draft\ndomains: [wmo]\nsituation: x\ndilemma: y\nvalues: [lange-termijn]\n',
    'cases/c.yaml': 'title: [kapot\n',
  });

  it('counts the cases the book holds: drafts only with --drafts, as build does, and says so', async () => {
    const dir = tree();
    const stats = JSON.parse((await runInProcess(['stats', '--format', 'json'], { cwd: dir })).stdout);
    expect(stats).toMatchObject({ cases: 1, drafts: false, leftOut: 1, byStatus: { review: 0, published: 1 } });
    expect(stats.byStatus).not.toHaveProperty('draft');
    expect(stats.matrix['lange-termijn'].wmo).toBe(0);
    const text = (await runInProcess(['stats'], { cwd: dir })).stdout;
    expect(text).toContain('Boek: 1 casus\nGeteld zoals in het boek: zonder 1 concept (tel het mee met --drafts).');
    // The book says the same: one case, and its heat map has no draft in it.
    rmSync(path.join(dir, 'cases/c.yaml'));
    const book = await runInProcess(['build', '--format', 'html', '--out', 'boek'], { cwd: dir });
    expect(book.code).toBe(0);
    expect(readFileSync(path.join(dir, 'boek', 'boek.html'), 'utf8')).toContain('Dit boekje bevat 1 van de 2 casussen in de verzameling.');
  });

  it('counts per domain, status, role and value, with the matrix, as JSON', async () => {
    const result = await runInProcess(['stats', '--drafts', '--format', 'json'], { cwd: tree() });
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(stats.cases).toBe(2);
    expect(stats.unreadable).toBe(1);
    expect(stats.byDomain).toMatchObject({ wmo: 2, jeugdwet: 1, participatiewet: 0 });
    expect(stats.byStatus).toEqual({ draft: 1, review: 0, published: 1 });
    expect(stats.byRole['wmo-consulent']).toBe(1);
    expect(stats.byValue).toMatchObject({ maatwerk: 1, vertrouwen: 1, 'lange-termijn': 1, integraal: 0 });
    // lange-termijn is only in a draft: not covered by a published case.
    expect(stats.uncoveredValues).toContain('lange-termijn');
    expect(stats.uncoveredValues).not.toContain('maatwerk');
    expect(stats.matrix.maatwerk).toMatchObject({ wmo: 1, jeugdwet: 1, participatiewet: 0 });
  });

  it('prints a readable overview', async () => {
    const result = await runInProcess(['stats', '--drafts'], { cwd: tree() });
    expect(result.stdout).toContain('Boek: 2 casussen');
    expect(result.stdout).toMatch(/Wmo 2015\s+2\n/);
    expect(result.stdout).toMatch(/Kernwaarden zonder vastgestelde casus: .*Lange termijn/);
    expect(result.stdout).toMatch(/\n  maatwerk\s+1\s+1\s+·/);
  });
});
