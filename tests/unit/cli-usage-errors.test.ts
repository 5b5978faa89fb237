/** Commander's usage errors told in casebook's words and language, with a hint for the common mistakes. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usageError } from '../../src/cli/usage-errors.js';
import { makeTree, runInProcess } from '../helpers.js';

describe('usage errors', () => {
  const cwd = makeTree({ 'casebook.yaml': 'title: Boek\n' });
  const run = (...args: string[]) => runInProcess(args, { cwd });

  it('says in Dutch what is wrong with the command line, with commander\'s suggestion, and exits 2', async () => {
    const cases: [string[], string, string][] = [
      [['build', '--fromat', 'pdf'], "casebook: Onbekende optie '--fromat'. Bedoelde je --format?", '(uitleg en voorbeelden: casebook build --help)'],
      [['valdate'], "casebook: Onbekende opdracht 'valdate'. Bedoelde je validate?", '(uitleg en opdrachten: casebook --help)'],
      [['new'], 'casebook: Er ontbreekt iets achter de opdracht: titel.', '(uitleg en voorbeelden: casebook new --help)'],
      [['build', '--format'], 'casebook: Achter de optie -f, --format <formaten> hoort een waarde.', '(uitleg en voorbeelden: casebook build --help)'],
    ];
    for (const [args, first, help] of cases) {
      const result = await run(...args);
      // The message, then where to read more: the command's own help, with its examples.
      expect({ args, lines: result.stderr.split('\n'), code: result.code }).toEqual({ args, lines: [first, help, ''], code: 2 });
      expect(result.stderr).not.toMatch(/error:|Did you mean/);
    }
  });

  it('tells a title with spaces to go in quotes, and a folder after build to go with --casebook', async () => {
    const title = await run('new', 'Schulden', 'en', 'een', 'scooter');
    expect(title.stderr).toContain("Te veel woorden achter 'casebook new': 4, waar 1 verwacht wordt.");
    expect(title.stderr).toContain('zet die dan tussen aanhalingstekens, bijvoorbeeld: casebook new "Schulden en een scooter".');
    const folder = await run('build', 'mijn-casusboek');
    expect(folder.stderr).toContain("Achter 'casebook build' horen alleen opties");
    expect(folder.stderr).toContain('--casebook <map>');
    expect([title.code, folder.code]).toEqual([2, 2]);
  });

  it('speaks English with --lang en', async () => {
    const result = await run('--lang', 'en', 'bild');
    expect(result.stderr).toBe("casebook: Unknown command 'bild'. Did you mean build?\n(explanation and commands: casebook --help)\n");
    const extra = await run('--lang', 'en', 'stats', 'x');
    expect(extra.stderr).toContain("'casebook stats' takes only options");
  });

  it('takes an output format in any case, and suggests the near one', async () => {
    writeFileSync(path.join(cwd, 'a.yaml'), 'title: Een casus\nstatus: draft\ndomains: [wmo]\nsituation: Er speelt iets.\ndilemma: Wat nu?\n');
    expect(JSON.parse((await run('validate', 'a.yaml', '--format', 'JSON')).stdout).files).toBe(1);
    expect(JSON.parse((await run('tag', 'a.yaml', '--format', ' Json ')).stdout)).toHaveLength(1);
    expect(JSON.parse((await run('stats', '--format', 'JSON')).stdout)).toBeTypeOf('object');
    const wrong = await run('validate', '--format', 'jsn');
    expect(wrong.stderr).toBe("casebook: Onbekend uitvoerformaat 'jsn'. Kies uit: stylish, json, github, azure, gitlab, sarif, junit. Bedoelde je 'json'?\n");
    expect(wrong.code).toBe(2);
    expect((await run('--lang', 'en', 'tag', '--format', 'txt')).stderr).toBe("casebook: Unknown output format 'txt'. Choose from: text, json. Did you mean 'text'?\n");
    expect((await run('stats', '--format', 'jsno')).stderr).toContain("Kies uit: text, json. Bedoelde je 'json'?");
    expect((await run('stats', '--format', 'epub')).stderr).toBe("casebook: Onbekend uitvoerformaat 'epub'. Kies uit: text, json.\n");
  });

  it('takes a language as people name it: its code in any case, or its name', async () => {
    expect((await run('--lang', 'EN', 'stats', '--format', 'xml')).stderr).toBe("casebook: Unknown output format 'xml'. Choose from: text, json.\n");
    expect((await run('--lang', 'English', 'valdate')).stderr).toContain("Unknown command 'valdate'");
    expect((await run('--lang', 'Nederlands', 'valdate')).stderr).toContain("Onbekende opdracht 'valdate'");
    expect((await runInProcess(['--help'], { cwd, env: { CASEBOOK_LANG: 'Engels' } })).stdout).toMatch(/^Usage: casebook \[options\]/);
    // Given twice, the last counts, for the usage error as for commander's own options.
    expect((await run('--lang', 'nl', 'stats', '--lang', 'en', '--format', 'xml')).stderr).toBe("casebook: Unknown output format 'xml'. Choose from: text, json.\n");
    expect((await run('--lang', 'en', '--lang', 'nl', 'valdate')).stderr).toContain("Onbekende opdracht 'valdate'");
    const unknown = await run('--lang', 'de', 'validate');
    expect([unknown.stderr, unknown.code]).toEqual(["casebook: Onbekende taal 'de'. Kies nl of en.\n", 2]);
  });

  it('passes a message it does not know on, without commander\'s prefix', () => {
    expect(usageError("error: option '--x' cannot be used with option '--y'\n", 'nl')).toBe("casebook: option '--x' cannot be used with option '--y'\n");
  });
});
