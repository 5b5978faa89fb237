import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CasebookError } from '../../src/errors.js';
import { loadCasebook } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';
import { caseYaml, makeTree } from '../helpers.js';

describe('loadCasebook', () => {
  it('finds casebook.yaml in a folder above the current one', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/wmo/a.yaml': caseYaml() });
    const casebook = await loadCasebook({ cwd: path.join(dir, 'cases', 'wmo') });
    expect(casebook.config.root).toBe(dir);
    expect(casebook.cases.map((c) => c.id)).toEqual(['a']);
  });

  it('stops with a clear error when there is no casebook and no paths', async () => {
    const dir = makeTree({ 'x.txt': '' });
    await expect(loadCasebook({ cwd: dir })).rejects.toThrow(CasebookError);
    await expect(loadCasebook({ cwd: dir })).rejects.toThrow(/casebook init/);
    await expect(loadCasebook({ cwd: dir, casebook: 'nergens' })).rejects.toThrow(/bestaat niet/);
  });

  it('validates cases given as paths without a casebook, with the built-in lists', async () => {
    const dir = makeTree({ 'a.yaml': caseYaml({ domains: '[wmo]' }), 'b.yaml': caseYaml({ domains: '[eigen]' }) });
    const result = validate(await loadCasebook({ cwd: dir, paths: ['.'] }));
    expect(result.messages.map((m) => `${path.basename(m.file)} ${m.rule}`)).toEqual(['b.yaml schema/enum']);
  });

  it("uses the casebook's own domain and role lists", async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\ndomains:\n  - id: huisvesting\n    label: Huisvesting\nroles:\n  - id: woonconsulent\n    label: Woonconsulent\n',
      'cases/a.yaml': caseYaml({ domains: '[huisvesting]', role: 'woonconsulent' }),
      'cases/b.yaml': caseYaml({ domains: '[wmo]' }),
    });
    const result = validate(await loadCasebook({ cwd: dir }));
    expect(result.messages.map((m) => `${path.basename(m.file)} ${m.rule} ${m.line}:${m.column}`)).toEqual(['b.yaml schema/enum 3:11']);
  });

  it("uses the casebook's own value set, and reports a broken one at its line", async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\nvalues: waarden.yaml\n',
      'waarden.yaml': 'values:\n  - id: respect\n    label: Respect\n    description: Met respect.\n',
      'cases/a.yaml': caseYaml({ status: 'published', values: '[respect]' }),
    });
    const casebook = await loadCasebook({ cwd: dir });
    expect(casebook.values.values.map((v) => v.id)).toEqual(['respect']);
    expect(validate(casebook).messages).toEqual([]);

    const broken = makeTree({
      'casebook.yaml': 'title: Boek\nvalues: waarden.yaml\n',
      'waarden.yaml': 'values:\n  - id: respect\n    label: Respect\n',
      'cases/a.yaml': caseYaml(),
    });
    const messages = validate(await loadCasebook({ cwd: broken })).messages;
    expect(messages.map((m) => `${path.basename(m.file)} ${m.rule} ${m.line}:${m.column}`)).toEqual(['waarden.yaml schema/required 2:5']);
  });

  it('reports a missing values file and a broken config field, and still checks the cases', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\nvalues: weg.yaml\nlanguage: fr\noutpt: dist\n',
      'cases/a.yaml': caseYaml({ domains: '[wmoo]' }),
    });
    const result = validate(await loadCasebook({ cwd: dir }));
    expect(result.messages.map((m) => `${path.basename(m.file)} ${m.rule} ${m.line}:${m.column}${m.suggestion ? ' ' + m.suggestion : ''}`)).toEqual([
      'casebook.yaml load/not-found 2:9',
      'casebook.yaml schema/enum 3:11',
      'casebook.yaml schema/unknown-key 4:1 output',
      'a.yaml schema/enum 3:11 wmo',
    ]);
  });

  it('collects cases from globs and skips symlinks that leave the casebook', async () => {
    const outside = makeTree({ 'geheim.yaml': caseYaml() });
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\ncases: ["cases/**/*.yaml", extra]\n', 'cases/a.yaml': caseYaml(), 'cases/b.yml': caseYaml(), 'extra/c.yaml': caseYaml() });
    const { symlinkSync } = await import('node:fs');
    symlinkSync(outside, path.join(dir, 'extra', 'link'));
    const casebook = await loadCasebook({ cwd: dir });
    expect(casebook.cases.map((c) => c.id).sort()).toEqual(['a', 'c']);
    expect(casebook.messages.map((m) => m.rule)).toEqual(['load/outside-casebook']);
  });
});
