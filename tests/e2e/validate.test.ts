/** `casebook validate` run as a user runs it: the built CLI in a separate process. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseYaml, fixtures, makeTree, repoRoot, runInProcess } from '../helpers.js';

const broken = path.join(fixtures, 'broken');

function exampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-example-'));
  cpSync(path.join(repoRoot, 'cases'), path.join(dir, 'cases'), { recursive: true });
  cpSync(path.join(repoRoot, 'casebook.yaml'), path.join(dir, 'casebook.yaml'));
  return dir;
}

describe('casebook validate', () => {
  it('passes on the example casebook', async () => {
    const result = await runInProcess(['validate'], { cwd: exampleCopy() });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/✔ Geen problemen gevonden in 16 bestanden\./);
    expect(result.code).toBe(0);
  });

  it('gives one clear Dutch message at the right line for a typo in a key, a domain or a value', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/a.yaml': 'title: Scootmobiel of boodschappen\nstatus: published\ndomains: [wmoo]\nsituatoin: Er speelt iets.\ndilemma: Wat nu?\nvalues: [eigen-kraht]\n',
    });
    const result = await runInProcess(['validate'], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => /^\s+\d+:\d+ /.test(l));
    expect(lines).toEqual([
      "  3:11  fout  'wmoo' is geen bekend domein; bedoelde je 'wmo'?  schema/enum",
      "  4:1  fout  Onbekend veld 'situatoin'; bedoelde je 'situation'?  schema/unknown-key",
      "  6:10  fout  'eigen-kraht' is geen bekende kernwaarde; bedoelde je 'eigen-kracht'?  schema/enum",
    ]);
    // A code frame under each message.
    expect(result.stdout).toContain('    > 3 | domains: [wmoo]\n        |           ^^^^');
  });

  it('reports a file with a syntax error and still checks the others', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/a.yaml': 'title: [kapot\n',
      'cases/b.yaml': caseYaml({ domains: '[jeugd]' }),
      'cases/c.yaml': caseYaml(),
    });
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ files: 3, cases: 2, errors: 2, warnings: 0 });
    expect(report.messages.map((m: { file: string; rule: string }) => `${m.file} ${m.rule}`)).toEqual(['cases/a.yaml yaml/syntax', 'cases/b.yaml schema/enum']);
    expect(report.messages[1]).toEqual({
      file: 'cases/b.yaml', line: 3, column: 11, endLine: 3, endColumn: 16, severity: 'error', rule: 'schema/enum',
      message: "'jeugd' is geen bekend domein; bedoelde je 'jeugdwet'?", suggestion: 'jeugdwet',
    });
  });

  it('speaks English with --lang en', async () => {
    const result = await runInProcess(['validate', '--lang', 'en'], { cwd: broken });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Unknown field 'situatoin'; did you mean 'situation'?");
    expect(result.stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\) in 25 of 27 files\./);
  });

  it('checks only the given paths, against the whole casebook', async () => {
    const result = await runInProcess(['validate', 'cases/related-missing.yaml', '--format', 'json'], { cwd: broken });
    const report = JSON.parse(result.stdout);
    expect(report.files).toBe(1);
    // typo-role exists elsewhere in the casebook, so only the real typo is reported.
    expect(report.messages.map((m: { rule: string; suggestion?: string }) => `${m.rule} ${m.suggestion}`)).toEqual(['casebook/related-missing typo-key']);
  });

  it('takes a named folder as its own casebook, and never reads casebook.yaml or the Azure pipeline as cases', async () => {
    // A team's casebook as `casebook init --ci azure` leaves it, with its own value set, inside a
    // folder whose casebook has the built-in set (as the repository's own example casebook).
    const outer = makeTree({ 'casebook.yaml': 'title: Buiten\n' });
    const [inner] = [path.join(outer, 'team')];
    const init = await runInProcess(['init', inner, '--ci', 'azure', '--title', 'Team'], { cwd: outer });
    expect(init.code).toBe(0);
    writeFileSync(path.join(inner, 'casebook.yaml'), readFileSync(path.join(inner, 'casebook.yaml'), 'utf8') + 'values: waarden.yaml\n');
    writeFileSync(path.join(inner, 'waarden.yaml'), 'values:\n  - id: eigen-waarde\n    label: Eigen waarde\n    description: Een waarde van het team zelf.\n');
    rmSync(path.join(inner, 'cases'), { recursive: true });
    mkdirSync(path.join(inner, 'cases'));
    for (const id of ['eigen', 'tweede']) writeFileSync(path.join(inner, 'cases', `${id}.yaml`), caseYaml({ id, values: '[eigen-waarde]' }));
    for (const [args, cwd] of [[['validate', 'team'], outer], [['validate', '.'], inner], [['validate', path.join(inner, 'cases')], tmpdir()]] as const) {
      const result = await runInProcess([...args, '--format', 'json'], { cwd });
      const report = JSON.parse(result.stdout);
      // The two cases, checked against the team's value set: no error about 'eigen-waarde'.
      expect({ args, files: report.files, messages: report.messages }).toEqual({ args, files: 2, messages: [] });
      expect(result.code).toBe(0);
    }
    const tagged = await runInProcess(['tag', 'team', '--format', 'json'], { cwd: outer });
    expect(JSON.parse(tagged.stdout).map((c: { file: string }) => path.basename(c.file)).sort()).toEqual(['eigen.yaml', 'tweede.yaml']);
    // Named one by one, a file keeps its own casebook as well; a glob keeps the working folder's.
    const glob = await runInProcess(['validate', 'team/**/*.y*ml', '--format', 'json'], { cwd: outer });
    expect(JSON.parse(glob.stdout).files).toBe(2);
  });

  it('says which file was probably meant when a named path does not exist', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/wmo/wmo-traplift-of-verhuizen.yaml': caseYaml(), 'cases/wmo/wmo-scootmobiel.yaml': caseYaml() });
    const messages = async (...paths: string[]) => JSON.parse((await runInProcess(['validate', '--format', 'json', ...paths], { cwd: dir })).stdout).messages.map((m: { message: string; suggestion?: string }) => [m.message, m.suggestion]);
    // In the report's order, by file. Nothing is suggested without a folder (jeugd), or when more than one name fits (wmo).
    expect(await messages('cases/wmo/traplift.yaml', 'cases/wmo/wmo-scootmobil.yaml', 'cases/wm/', 'cases/jeugd/x.yaml', 'cases/wmo/wmo.yaml')).toEqual([
      ['cases/jeugd/x.yaml bestaat niet.', undefined],
      ['cases/wm/ bestaat niet; bedoelde je cases/wmo?', 'cases/wmo'],
      ['cases/wmo/traplift.yaml bestaat niet; bedoelde je cases/wmo/wmo-traplift-of-verhuizen.yaml?', 'cases/wmo/wmo-traplift-of-verhuizen.yaml'],
      ['cases/wmo/wmo-scootmobil.yaml bestaat niet; bedoelde je cases/wmo/wmo-scootmobiel.yaml?', 'cases/wmo/wmo-scootmobiel.yaml'],
      ['cases/wmo/wmo.yaml bestaat niet.', undefined],
    ]);
  });

  it('writes GitHub annotations under GitHub Actions, followed by the full report', async () => {
    // The path is from the repository root (GITHUB_WORKSPACE), not from the casebook's folder.
    const result = await runInProcess(['validate', 'cases/typo-key.yaml'], { cwd: broken, env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: repoRoot } });
    expect(result.code).toBe(1);
    const [first, ...rest] = result.stdout.split('\n');
    expect(first).toBe("::error file=tests/fixtures/broken/cases/typo-key.yaml,line=6,endLine=6,col=1,endColumn=10,title=casebook schema/unknown-key::Onbekend veld 'situatoin'; bedoelde je 'situation'?");
    expect(rest.join('\n')).toContain('cases/typo-key.yaml\n  6:1  fout');
  });

  it('writes SARIF and JUnit to a file and keeps the readable report on screen', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml({ domains: '[wmoo]' }) });
    const sarif = await runInProcess(['validate', '-f', 'sarif', '-o', 'out/report.sarif'], { cwd: dir });
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toContain('schema/enum');
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
    const junit = await runInProcess(['validate', '-f', 'junit'], { cwd: dir });
    expect(junit.stdout).toMatch(/^<\?xml/);
  });

  it('uses colour only on request, never with NO_COLOR', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml({ domains: '[wmoo]' }) });
    expect((await runInProcess(['validate'], { cwd: dir })).stdout).not.toMatch(/\u001b\[/);
    expect((await runInProcess(['validate'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toMatch(/\u001b\[31m/);
    expect((await runInProcess(['validate'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });

  it('fails on too many warnings with --max-warnings', async () => {
    // The same value once as a plain id and once with a why: a warning, not an error.
    const tree = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml({ values: '[maatwerk, {id: maatwerk, why: x}]' }) });
    expect((await runInProcess(['validate'], { cwd: tree })).code).toBe(0);
    expect((await runInProcess(['validate', '--max-warnings', '0'], { cwd: tree })).code).toBe(1);
    expect((await runInProcess(['validate', '--max-warnings', '1'], { cwd: tree })).code).toBe(0);
  });

  it('exits 2 with a clear message, not a stack trace, when it cannot run', async () => {
    const empty = makeTree({ 'leeg.txt': '' });
    const none = await runInProcess(['validate'], { cwd: empty });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^casebook: Geen casebook.yaml gevonden in .*casebook init/);
    expect(none.stderr).not.toMatch(/\n\s+at /);
    const format = await runInProcess(['validate', '--format', 'xml'], { cwd: broken });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("Onbekend uitvoerformaat 'xml'. Kies uit: stylish, json, github, azure, gitlab, sarif, junit.");
    const option = await runInProcess(['validate', '--frobnicate'], { cwd: broken });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("casebook: Onbekende optie '--frobnicate'.");
    const lang = await runInProcess(['validate', '--lang', 'fr'], { cwd: broken });
    expect(lang.code).toBe(2);
  });

  it('explains itself with --help, with examples and exit codes', async () => {
    const result = await runInProcess(['validate', '--help'], { cwd: broken });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Voorbeelden:');
    expect(result.stdout).toContain('Exitcodes: 0');
    expect((await runInProcess(['--version'], { cwd: broken })).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
