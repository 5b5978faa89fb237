/**
 * Smaller hostile and careless inputs (issue 14, item 8): each gets a message that says
 * what is wrong with it, at the right place.
 */
import { describe, expect, it } from 'vitest';
import { caseYaml, makeTree, runInProcess } from '../helpers.js';

interface Report { messages: Array<{ file: string; rule: string; line: number; severity: string; message: string; suggestion?: string }> }

async function report(files: Record<string, string | Uint8Array>): Promise<Report['messages']> {
  const dir = makeTree({ 'cases/goed.yaml': caseYaml(), ...files });
  const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as Report).messages;
}
const utf16 = (text: string, bigEndian = false) => {
  const bytes = Buffer.from('\uFEFF' + text, 'utf16le');
  if (bigEndian) bytes.swap16();
  return bytes;
};

describe('smaller', () => {
  it.each([['UTF-16 LE', false], ['UTF-16 BE', true]])('a %s file (Notepad\'s "Unicode") is told to save as UTF-8', async (_name, big) => {
    const messages = await report({ 'casebook.yaml': 'title: Boek\n', 'cases/kladblok.yaml': utf16(caseYaml(), big) });
    expect(messages.map((m) => `${m.file} ${m.rule}`)).toEqual(['cases/kladblok.yaml yaml/encoding']);
    expect(messages[0]!.message).toContain('UTF-16');
    expect(messages[0]!.message).toContain('UTF-8');
  });

  it('a file saved as Windows-1252 (ANSI) is shown at the character, with how to save it as UTF-8', async () => {
    const ansi = Buffer.from(caseYaml().replace('situation: ', 'situation: Ze heeft artrose in beide knieën. '), 'latin1');
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/ansi.yaml': ansi });
    const result = await runInProcess(['validate', '--no-color'], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((line) => line.includes('yaml/encoding'));
    expect(lines[at]).toContain('in Kladblok via Opslaan als, Codering: UTF-8');
    // The code frame: the line, and the caret under the character that is not UTF-8.
    const shown = lines.find((line) => line.includes('knie'))!;
    const caret = lines[lines.indexOf(shown) + 1]!;
    expect(shown).toMatch(/^\s+> \d+ \| .*knie\uFFFDn/);
    expect(caret.indexOf('^')).toBe(shown.indexOf('\uFFFD'));
  });

  it('a file with CR-only line ends is told so, not given a syntax error on one long line', async () => {
    const messages = await report({ 'casebook.yaml': 'title: Boek\n', 'cases/mac.yaml': caseYaml().replace(/\n/g, '\r') });
    expect(messages.map((m) => `${m.file} ${m.rule}`)).toEqual(['cases/mac.yaml yaml/line-ends']);
  });

  it('a values file and the domain list with an id twice: an error at the second', async () => {
    const value = (id: string) => `  - id: ${id}\n    label: ${id}\n    description: Een waarde.\n`;
    const messages = await report({
      'casebook.yaml': 'title: Boek\nvalues: waarden.yaml\ndomains:\n  - { id: wmo, label: Wmo }\n  - { id: wmo, label: Wmo twee }\n',
      'waarden.yaml': `values:\n${value('zorg')}${value('recht')}${value('zorg')}`,
    });
    expect(messages.filter((m) => m.rule === 'casebook/duplicate-list-id').map((m) => `${m.file}:${m.line} ${m.message}`)).toEqual([
      "casebook.yaml:5 Het id 'wmo' staat al eerder in deze lijst (regel 4). Elk id moet uniek zijn.",
      "waarden.yaml:8 Het id 'zorg' staat al eerder in deze lijst (regel 2). Elk id moet uniek zijn.",
    ]);
  });

  it.each([['empty', '', 'casebook.yaml is leeg'], ['a list', '- title: Boek\n', 'casebook.yaml begint met instellingen']])('a casebook.yaml that is %s is told about casebook.yaml, not about a case', async (_name, text, expected) => {
    const messages = await report({ 'casebook.yaml': text });
    const own = messages.filter((m) => m.file === 'casebook.yaml');
    expect(own[0]!.message).toContain(expected);
    expect(own.map((m) => m.message).join(' ')).not.toMatch(/casus/);
  });

  it('rules: a wrong severity is called a severity; an unknown rule name is a warning with a suggestion', async () => {
    const messages = await report({ 'casebook.yaml': 'title: Boek\nrules:\n  privacy/bsn: fatal\n  privacy/bssn: off\n  prvacy: warning\n  privacy/name: info\n' });
    expect(messages.map((m) => `${m.line} ${m.rule} ${m.severity} ${m.suggestion ?? ''}`.trim())).toEqual([
      '3 schema/enum error', '4 casebook/unknown-rule warning privacy/bsn', '5 casebook/unknown-rule warning privacy',
    ]);
    expect(messages[0]!.message).toBe("'fatal' is geen bekende ernst. Kies uit: error, warning, info, off.");
  });
});
