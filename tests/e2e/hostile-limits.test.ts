/**
 * Inputs that made casebook crash or take forever (issue 14, item 7): thousands of messages
 * on one long line, Markdown nested 10,000 deep, a privacy pattern with catastrophic
 * backtracking. Each now ends quickly with a message that says where.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseYaml, makeTree, runInProcess, startCli } from '../helpers.js';

describe('inputs that crash or take forever', () => {
  it('values: [maatwerk × 10000] gives a short report: code frames cut to a window, repeats collapsed', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/veel.yaml': caseYaml({ status: 'published', values: `[${Array(10_000).fill('maatwerk').join(', ')}]` }),
    });
    const result = await runInProcess(['validate'], { cwd: dir });
    expect(result.code).toBe(0); // 9,999 warnings
    expect(result.stdout.length).toBeLessThan(10_000);
    expect(result.stdout).toMatch(/… en nog 9\.9[78]\d keer casebook\/duplicate-value/);
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('Markdown nested 10,000 deep: the book is built, with a warning at the case and line', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/diep.yaml': caseYaml({
        status: 'published', values: '[maatwerk]',
        situation: `|\n  Gewone eerste regel.\n  ${'- '.repeat(10_000)}x`,
        dilemma: `"${'> '.repeat(10_000)}Wat doen we?"`,
      }),
    });
    const result = await runInProcess(['build', '--format', 'html'], { cwd: dir });
    expect(result.stderr).not.toMatch(/Maximum call stack|marked/);
    expect(result.code).toBe(0);
    const warnings = [...result.stdout.matchAll(/^  (\d+):\d+  waarschuwing  Deze tekst is (\d+) niveaus diep genest/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(warnings).toEqual(['6 10000', '7 10000']);
    expect(result.stdout).toContain('cases/diep.yaml');
    const html = readFileSync(path.join(dir, 'dist', readdirSync(path.join(dir, 'dist')).find((f) => f.endsWith('.html'))!), 'utf8');
    expect(html).toContain('Gewone eerste regel.');
  });

  it('a privacy pattern with nested repetition is refused at its line in casebook.yaml, and the check ends at once', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\nprivacy:\n  patterns:\n    - id: a-reeks\n      pattern: "(a+)+$"\n    - id: zaaknummer\n      pattern: "ZK\\\\d{6}"\n',
      'cases/a.yaml': caseYaml({ situation: `"${'a'.repeat(33)}b en zaak ZK123456"` }),
    });
    const started = Date.now();
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(10_000);
    const messages = (JSON.parse(result.stdout) as { messages: Array<{ file: string; rule: string; line: number; message: string }> }).messages;
    expect(messages.map((m) => `${m.file}:${m.line} ${m.rule}`)).toEqual(['casebook.yaml:5 privacy/custom', 'cases/a.yaml:4 privacy/custom']);
    expect(messages[0]!.message).toContain("'a-reeks' herhaalt iets dat zelf al herhaalt ((a+)+)");
  });

  it('a reader that stops early (casebook validate | head) ends it without a stack trace', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\n',
      'cases/veel.yaml': caseYaml({ status: 'published', values: `[${Array(2_000).fill('maatwerk').join(', ')}]` }),
    });
    const { child, done } = startCli(['validate', '--format', 'json'], { cwd: dir });
    child.stdout!.once('data', () => child.stdout!.destroy());
    const result = await done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
