import { describe, expect, it } from 'vitest';
import { reporters, summaryLine, type ReportContext } from '../../src/report/index.js';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import { mask } from '../../src/privacy/mask.js';
import type { Message, ValidationResult } from '../../src/types.js';

const source = 'title: Scootmobiel\ndomains: [wmoo]\nsituation: Bel 06-12345678.\ndilemma: x\n';
const messages: Message[] = [
  { file: '/cb/cases/a.yaml', rule: 'schema/enum', severity: 'error', message: "'wmoo' is geen bekend domein; bedoelde je 'wmo'?", suggestion: 'wmo', line: 2, column: 11, endLine: 2, endColumn: 15 },
  { file: '/cb/cases/a.yaml', rule: 'privacy/phone', severity: 'warning', message: 'Telefoonnummer 06-1*******.', line: 3, column: 16, endLine: 3, endColumn: 27 },
  { file: '/cb/cases/b.yaml', rule: 'schema/required', severity: 'error', message: "Het verplichte veld 'dilemma' ontbreekt.", line: 1, column: 1, endLine: 1, endColumn: 6, suppressed: true },
];
const result: ValidationResult = { files: 2, cases: 2, errors: 1, warnings: 1, messages };
const context = (color = false, lang: 'nl' | 'en' = 'nl'): ReportContext => ({
  cwd: '/cb', lang, color, version: '9.9.9', sources: new Map([['/cb/cases/a.yaml', source]]), ruleDescription: (id) => `beschrijving van ${id}`,
});

describe('stylish', () => {
  it('groups by file, shows a code frame, hides suppressed messages and ends with a summary', () => {
    expect(reporters.stylish(result, context())).toBe(
      [
        'cases/a.yaml',
        "  2:11  fout  'wmoo' is geen bekend domein; bedoelde je 'wmo'?  schema/enum",
        '      1 | title: Scootmobiel',
        '    > 2 | domains: [wmoo]',
        '        |           ^^^^',
        '      3 | situation: Bel 06-1*******.',
        '  3:16  waarschuwing  Telefoonnummer 06-1*******.  privacy/phone',
        '      2 | domains: [wmoo]',
        '    > 3 | situation: Bel 06-1*******.',
        '        |                ^^^^^^^^^^^',
        '      4 | dilemma: x',
        '',
        '✖ 2 problemen (1 fout, 1 waarschuwing) in 1 van 2 bestanden. (1 onderdrukt)',
        '',
      ].join('\n'),
    );
  });

  it('uses colour only when asked, and English with lang en', () => {
    expect(reporters.stylish(result, context(false))).not.toMatch(/\u001b\[/);
    expect(reporters.stylish(result, context(true))).toMatch(/\u001b\[31m/);
    expect(reporters.stylish(result, context(false, 'en'))).toContain('2 problems (1 error, 1 warning) in 1 of 2 files.');
    // Problems in every file read or, when not known, the plain count.
    expect(summaryLine(result, 'nl', 2)).toBe('2 problemen (1 fout, 1 waarschuwing) in 2 bestanden.');
    expect(summaryLine(result, 'en')).toBe('2 problems (1 error, 1 warning) in 2 files.');
  });

  it('says so when everything is clean', () => {
    expect(reporters.stylish({ files: 1, cases: 1, errors: 0, warnings: 0, messages: [] }, context())).toBe('✔ Geen problemen gevonden in 1 bestand.\n');
  });
});

describe('json', () => {
  it('has exactly the shape of the spec, paths relative to the current folder', () => {
    const parsed = JSON.parse(reporters.json(result, context()));
    expect(Object.keys(parsed)).toEqual(['files', 'cases', 'errors', 'warnings', 'messages']);
    expect(parsed.messages[0]).toEqual({
      file: 'cases/a.yaml', line: 2, column: 11, endLine: 2, endColumn: 15, severity: 'error', rule: 'schema/enum',
      message: "'wmoo' is geen bekend domein; bedoelde je 'wmo'?", suggestion: 'wmo',
    });
    expect(parsed.messages[1]).not.toHaveProperty('suggestion');
    expect(parsed.messages[2].suppressed).toBe(true);
  });
});

describe('github', () => {
  it('escapes data and properties as actions/toolkit does', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('writes one workflow command per active message', () => {
    const lines = reporters.github(result, context()).trim().split('\n');
    expect(lines).toEqual([
      "::error file=cases/a.yaml,line=2,endLine=2,col=11,endColumn=15,title=casebook schema/enum::'wmoo' is geen bekend domein; bedoelde je 'wmo'?",
      '::warning file=cases/a.yaml,line=3,endLine=3,col=16,endColumn=27,title=casebook privacy/phone::Telefoonnummer 06-1*******.',
    ]);
  });
});

describe('sarif', () => {
  it('lists rules and results with 1-based regions and in-source suppressions', () => {
    const log = JSON.parse(reporters.sarif(result, context()));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['privacy/phone', 'schema/enum', 'schema/required']);
    expect(run.results[0]).toMatchObject({
      ruleId: 'schema/enum', ruleIndex: 1, level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'cases/a.yaml' }, region: { startLine: 2, startColumn: 11, endLine: 2, endColumn: 15 } } }],
    });
    expect(run.results[1].level).toBe('warning');
    expect(run.results[2].suppressions).toEqual([{ kind: 'inSource' }]);
  });
});

describe('junit', () => {
  it('has a suite per file, a failure per error, and escapes XML', () => {
    const xml = reporters.junit(result, context());
    expect(xml).toContain('<testsuites name="casebook" tests="2" failures="1" errors="0">');
    expect(xml).toContain('<testsuite name="cases/a.yaml" tests="2" failures="1" errors="0">');
    expect(xml).toContain('<failure type="schema/enum" message="&apos;wmoo&apos; is geen bekend domein; bedoelde je &apos;wmo&apos;?">');
    expect(xml).not.toContain('cases/b.yaml');
  });

  it('has one passing test when everything is clean', () => {
    expect(reporters.junit({ files: 1, cases: 1, errors: 0, warnings: 0, messages: [] }, context())).toContain('<testcase classname="casebook" name="validate"/>');
  });
});

describe('mask', () => {
  it('keeps a few characters and stars out the rest', () => {
    expect(mask('725747251')).toBe('725******');
    expect(mask('NL91ABNA0417164300')).toBe('NL91**************');
    expect(mask('06-12345678')).toBe('06-1*******');
    expect(mask('ab')).toBe('**');
  });
});

describe('user text in every text format', () => {
  const hostile = "waarde\n::add-mask::geheim\u001b]52;c;ZWNobyBoaQ==\u0007\r::error file=x::nep";
  const file = '/cb/cases/boos\n::warning::pad.yaml';
  const evil: ValidationResult = {
    files: 1, cases: 1, errors: 1, warnings: 0,
    messages: [{ file, rule: 'schema/enum', severity: 'error', message: `'${hostile}' is geen bekend domein.`, line: 2, column: 11, endLine: 2, endColumn: 15 }],
  };
  const evilContext = (): ReportContext => ({ ...context(), sources: new Map([[file, `title: x\ndomains: [${hostile}]\n`]]) });

  it.each(['stylish', 'github', 'junit', 'sarif', 'json'] as const)('%s: no raw control character, no user text at the start of a line', (format) => {
    const text = reporters[format](evil, evilContext());
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    const commandLines = text.split('\n').filter((line) => /^\s*(::|##)/.test(line));
    expect(commandLines).toEqual(format === 'github' ? [expect.stringMatching(/^::error file=cases\/boos\\n%3A%3Awarning%3A%3Apad.yaml,line=2,.*::'waarde\\n::add-mask::geheim\\u001b]52/)] : []);
    expect(text).not.toMatch(/##\[|##vso\[/);
  });

  it('stylish cuts a long line to a window around the column and collapses repeats of a rule', () => {
    const long = `values: [${Array(2000).fill('maatwerk').join(', ')}]`;
    const many: Message[] = Array.from({ length: 40 }, (_, i) => ({
      file: '/cb/cases/a.yaml', rule: 'schema/enum', severity: 'error' as const, message: `'maatwerk' nr ${i}`, line: 1, column: 10 + i * 10, endLine: 1, endColumn: 18 + i * 10,
    }));
    const text = reporters.stylish({ files: 1, cases: 1, errors: 40, warnings: 0, messages: many }, { ...context(), sources: new Map([['/cb/cases/a.yaml', long]]) });
    expect(text.length).toBeLessThan(12_000);
    expect(text).toContain('… en nog 20 keer schema/enum');
    const frame = text.split('\n').filter((line) => line.startsWith('    '));
    expect(frame[0]).toMatch(/^    > 1 \| values: \[maatwerk, /);
    // The marker stays under the value, also in a window that starts further in.
    const [line5, marker5] = frame.slice(-2);
    const at = marker5!.indexOf('^');
    expect(line5!.slice(at, at + 8)).toBe('maatwerk');
    expect(line5).toMatch(/…$/);
  });

  it('stylish frames a file with CR-only line ends as the parser counts lines', () => {
    const text = reporters.stylish(
      { files: 1, cases: 1, errors: 1, warnings: 0, messages: [{ file: '/cb/cases/a.yaml', rule: 'yaml/syntax', severity: 'error', message: 'x', line: 1, column: 12, endLine: 1, endColumn: 12 }] },
      { ...context(), sources: new Map([['/cb/cases/a.yaml', 'title: a\rdomains: [wmo]\r']]) },
    );
    expect(text).toContain('> 1 | title: a␍domains: [wmo]␍');
    expect(text).not.toMatch(/\r/);
  });
});

describe('sarif', () => {
  it('artifactLocation.uri is a percent-encoded URI reference', () => {
    const spaced: ValidationResult = { ...result, messages: [{ ...messages[0]!, file: '/cb/cases/mijn casus#1 100%.yaml' }] };
    const parsed = JSON.parse(reporters.sarif(spaced, context()));
    expect(parsed.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('cases/mijn%20casus%231%20100%25.yaml');
  });
});
