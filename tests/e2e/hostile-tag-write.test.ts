/**
 * `tag --write` changes a person's files: it never loses an edit made while it runs, keeps
 * the file's mode, BOM and symlink, and cleans up what a killed run left behind without
 * ever reading it as a case (issue 14, item 2).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseYaml, makeTree, runInProcess } from '../helpers.js';

/** A case without values whose text the tagger clearly reads as `rechtmatig`. */
const legal = (n: number) => caseYaml({
  id: `casus-${String(n).padStart(3, '0')}`,
  title: `"Een besluit dat moet standhouden ${n}"`,
  dilemma: '"Is het besluit juridisch houdbaar in bezwaar en beroep?"',
});

describe('tag --write', () => {
  it('an edit made while it runs is not overwritten', async () => {
    const files: Record<string, string> = { 'casebook.yaml': 'title: Boek\n' };
    for (let n = 0; n < 300; n++) files[`cases/c${String(n).padStart(3, '0')}.yaml`] = legal(n);
    const dir = makeTree(files);
    const first = path.join(dir, 'cases', 'c000.yaml');
    const last = path.join(dir, 'cases', 'c299.yaml');
    const edit = '# bewerkt terwijl tag --write liep\n';
    // As soon as the first file is written, a person saves the last one.
    let edited = false;
    const poll = setInterval(() => {
      if (!edited && readFileSync(first, 'utf8').includes('values:')) {
        writeFileSync(last, readFileSync(last, 'utf8') + edit);
        edited = true;
      }
    }, 0);
    const result = await runInProcess(['tag', '--write'], { cwd: dir }).finally(() => clearInterval(poll));
    expect(edited).toBe(true);
    expect(readFileSync(last, 'utf8')).toBe(legal(299) + edit);
    expect(result.stdout).toContain('cases/c299.yaml niet bijgewerkt: het bestand is veranderd sinds casebook het las');
    expect(result.code).toBe(1);
    expect(readFileSync(path.join(dir, 'cases', 'c298.yaml'), 'utf8')).toContain('values:');
  });

  it('keeps the mode, the UTF-8 BOM and a symlink (writing to its target)', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/prive.yaml': legal(1),
      'cases/bom.yaml': '\uFEFF' + legal(2).replace(/\n/g, '\r\n'),
      'cases/echt/doel.yaml': legal(3),
    });
    chmodSync(path.join(dir, 'cases', 'prive.yaml'), 0o600);
    symlinkSync('echt/doel.yaml', path.join(dir, 'cases', 'link.yaml'));
    const result = await runInProcess(['tag', '--write'], { cwd: dir });
    expect(result.code).toBe(0);
    const prive = path.join(dir, 'cases', 'prive.yaml');
    expect(readFileSync(prive, 'utf8')).toContain('values:');
    expect(statSync(prive).mode & 0o777).toBe(0o600);
    const bom = readFileSync(path.join(dir, 'cases', 'bom.yaml'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.toString('utf8')).toMatch(/\r\nvalues: \[.*\]\r\n/);
    const link = path.join(dir, 'cases', 'link.yaml');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('echt/doel.yaml');
    expect(readFileSync(path.join(dir, 'cases', 'echt', 'doel.yaml'), 'utf8')).toContain('values:');
  });

  it('temporary files of a killed run are never read as cases, and are cleaned on the next run', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process id that has ended
    const stale = [`.a.yaml.${gone}.0123abcd.tmp`, `.a.yaml.${gone}.89abcdef.tmp`];
    const running = `.a.yaml.${process.ppid}.00000000.tmp`;
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/a.yaml': legal(1),
      [`cases/${stale[0]}`]: '',
      [`cases/${stale[1]}`]: legal(1),
      [`cases/${running}`]: legal(1),
    });
    const validated = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(validated.stdout)).toMatchObject({ files: 1, messages: [] });
    expect((await runInProcess(['tag', '--write'], { cwd: dir })).code).toBe(0);
    for (const name of stale) expect(existsSync(path.join(dir, 'cases', name))).toBe(false);
    expect(existsSync(path.join(dir, 'cases', running))).toBe(true);
  });
});
