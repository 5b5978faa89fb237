/**
 * Windows and macOS from the code's side: the same case reached through two spellings (a
 * symlink, `Cases\` and `cases\`, `c:` and `C:`) is loaded once. The platform and the real
 * paths are stubbed for Windows; the symlink case is real.
 */
import { realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCaseFiles, fileIdentity, uniqueFiles } from '../../src/load/files.js';
import { loadCasebook } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';
import { caseYaml, makeTree } from '../helpers.js';

describe('one file, two spellings', () => {
  it('on Windows: another case of the folder or the drive letter is the same file', () => {
    const realPath = (file: string) => file; // what the stubbed file system says
    const windows = { realPath, platform: 'win32' as const };
    expect(fileIdentity('C:\\Boek\\Cases\\a.yaml', windows)).toBe(fileIdentity('c:\\boek\\cases\\A.yaml', windows));
    const { files, spelling } = uniqueFiles(['C:\\Boek\\cases\\a.yaml', 'c:\\Boek\\Cases\\a.yaml', 'C:\\Boek\\cases\\b.yaml'], windows);
    expect(files).toEqual(['C:\\Boek\\cases\\a.yaml', 'C:\\Boek\\cases\\b.yaml']);
    expect(spelling('c:\\Boek\\Cases\\a.yaml')).toBe('C:\\Boek\\cases\\a.yaml');
    // On Linux the same spellings are two files.
    expect(uniqueFiles(['/boek/Cases/a.yaml', '/boek/cases/a.yaml'], { realPath, platform: 'linux' }).files).toHaveLength(2);
  });

  it('through a link: the real path decides', () => {
    const real = (file: string) => file.replace('/boek/link/', '/boek/cases/');
    expect(uniqueFiles(['/boek/cases/a.yaml', '/boek/link/a.yaml'], { realPath: real, platform: 'darwin' }).files).toEqual(['/boek/cases/a.yaml']);
  });

  it('the walk knows each file\'s real path without asking again, through linked folders and files too', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml(), 'cases/sub/b.yaml': caseYaml(), 'cases/sub/deeper/c.yml': caseYaml() });
    symlinkSync(path.join(dir, 'cases', 'sub'), path.join(dir, 'cases', 'alias'));
    symlinkSync(path.join(dir, 'cases', 'sub', 'b.yaml'), path.join(dir, 'cases', 'link.yaml'));
    // Through a link in the path to the casebook as well (as /tmp is on macOS).
    symlinkSync(dir, `${dir}-link`);
    const root = `${dir}-link`;
    const { files, realPaths } = await collectCaseFiles(['cases'], root, root, 'nl');
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) expect(realPaths.get(file)).toBe(realpathSync.native(file));
    // One file per identity: the linked folder and the linked file add no second copy.
    expect(uniqueFiles(files, { realPath: (f) => realPaths.get(f)! }).files.map((f) => path.basename(f)).sort()).toEqual(['a.yaml', 'b.yaml', 'c.yml']);
  });

  it('validate with a path spelled through a link reports the case once, with no duplicate id', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml(), 'cases/b.yaml': caseYaml({ title: 'Een andere casus hier' }) });
    symlinkSync(path.join(dir, 'cases'), path.join(dir, 'ook-cases'));
    const casebook = await loadCasebook({ cwd: dir, paths: ['ook-cases/a.yaml'] });
    // Once, under the spelling the person typed.
    expect(casebook.cases.map((c) => path.relative(dir, c.path)).sort()).toEqual(['cases/b.yaml', 'ook-cases/a.yaml']);
    expect([...casebook.focus!].map((f) => path.relative(dir, f))).toEqual(['ook-cases/a.yaml']);
    const result = validate(casebook, { lang: 'nl' });
    expect(result.messages.filter((m) => m.rule.startsWith('duplicate') || m.rule.includes('duplicate'))).toEqual([]);
    expect(result.files).toBe(1);
  });
});
