/**
 * The CI formats (azure, gitlab, github, sarif, junit) against golden files, for a casebook in
 * docs/casusboek/ of a repository: paths relative to the repository root. Plus escaping of
 * everything Azure's agent and GitLab's parser would choke on. UPDATE_GOLDEN=1 rewrites them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reporters, type Format, type ReportContext } from '../../src/report/index.js';
import { escapeAzure } from '../../src/report/azure.js';
import { repositoryPath, repositoryRoot } from '../../src/report/root.js';
import type { Message, ValidationResult } from '../../src/types.js';
import { fixtures } from '../helpers.js';

const book = '/repo/docs/casusboek';
const messages: Message[] = [
  { file: `${book}/cases/wmo/a.yaml`, rule: 'schema/enum', severity: 'error', message: "'wmoo' is geen bekend domein; bedoelde je 'wmo'?", suggestion: 'wmo', line: 2, column: 11, endLine: 2, endColumn: 15 },
  { file: `${book}/cases/wmo/a.yaml`, rule: 'privacy/phone', severity: 'warning', message: 'Telefoonnummer 06-1*******.', line: 3, column: 16, endLine: 3, endColumn: 27 },
  { file: `${book}/cases/wmo/a.yaml`, rule: 'tag/missing-value', severity: 'info', message: 'Deze casus lijkt over maatwerk te gaan.', line: 1, column: 1, endLine: 1, endColumn: 6 },
  { file: `${book}/cases/jeugd/b.yaml`, rule: 'schema/required', severity: 'error', message: "Het verplichte veld 'dilemma' ontbreekt.", line: 1, column: 1, endLine: 1, endColumn: 6, suppressed: true },
];
const result: ValidationResult = { files: 3, cases: 3, errors: 1, warnings: 1, messages };
const context: ReportContext = {
  cwd: book, root: '/repo', lang: 'nl', color: false, version: '9.9.9', sources: new Map(), ruleDescription: (id) => `beschrijving van ${id}`,
  files: [`${book}/cases/wmo/a.yaml`, `${book}/cases/jeugd/b.yaml`, `${book}/cases/jeugd/c.yaml`],
};

const golden: Array<[Format, string]> = [['azure', 'azure.txt'], ['gitlab', 'gitlab.json'], ['github', 'github.txt'], ['sarif', 'sarif.json'], ['junit', 'junit.xml']];

describe('CI formats, for a casebook in docs/casusboek/ of a repository', () => {
  for (const [format, file] of golden) {
    it(`${format} matches its golden file`, () => {
      const expected = path.join(fixtures, 'report', file);
      const actual = reporters[format](result, context);
      if (process.env.UPDATE_GOLDEN || !existsSync(expected)) writeFileSync(expected, actual);
      expect(actual).toBe(readFileSync(expected, 'utf8'));
    });
  }

  it('gives every CI format the path from the repository root, not from the casebook folder', () => {
    for (const format of ['azure', 'gitlab', 'github', 'sarif'] as const) {
      const text = reporters[format](result, context);
      expect(text, format).toContain('docs/casusboek/cases/wmo/a.yaml');
      expect(reporters[format](result, { ...context, root: undefined }), format).not.toContain('docs/casusboek');
    }
  });

  it('azure: errors and warnings as task.logissue, a hint as a plain line, and the task failed when errors stand', () => {
    const lines = reporters.azure(result, context).trim().split('\n');
    expect(lines[0]).toBe("##vso[task.logissue type=error;sourcepath=docs/casusboek/cases/wmo/a.yaml;linenumber=2;columnnumber=11;code=schema/enum;]'wmoo' is geen bekend domein%3B bedoelde je 'wmo'?");
    expect(lines).toContain('##vso[task.complete result=Failed;]');
    expect(lines.filter((l) => l.startsWith('##vso[task.logissue'))).toHaveLength(2);
    expect(reporters.azure({ ...result, errors: 0, messages: [messages[1]!] }, context)).not.toContain('task.complete');
  });

  it('junit: a passing test for every clean file, so CI shows how many passed', () => {
    const xml = reporters.junit(result, context);
    expect(xml).toContain('<testsuites name="casebook" tests="5" failures="1" errors="0">');
    expect(xml).toContain('<testsuite name="cases/jeugd/c.yaml" tests="1" failures="0" errors="0">\n    <testcase classname="cases/jeugd/c.yaml" name="casebook validate"/>');
    // b.yaml's only message is suppressed: it counts as clean.
    expect(xml).toContain('<testcase classname="cases/jeugd/b.yaml" name="casebook validate"/>');
  });
});

describe('escaping in the CI formats', () => {
  const nasty = 'a;b]c%d\r\n##vso[task.complete result=Succeeded;]e "f" \'g\' \u001b[2J';
  const file = `${book}/cases/raar; ]%"naam".yaml`;
  const hostile: ValidationResult = {
    files: 1, cases: 1, errors: 1, warnings: 0,
    messages: [{ file, rule: 'schema/enum', severity: 'error', message: nasty, line: 4, column: 2, endLine: 4, endColumn: 3 }],
  };

  it('azure escapes % ; ] and makes line breaks and control characters visible, so nothing ends or starts a command', () => {
    expect(escapeAzure('50%;]\r\n')).toBe('50%AZP25%3B%5D\\r\\n');
    const [line, complete] = reporters.azure(hostile, context).trim().split('\n');
    expect(line).toBe('##vso[task.logissue type=error;sourcepath=docs/casusboek/cases/raar%3B %5D%AZP25"naam".yaml;linenumber=4;columnnumber=2;code=schema/enum;]a%3Bb%5Dc%AZP25d\\r\\n\\u0023#vso[task.complete result=Succeeded%3B%5De "f" \'g\' \\u001b[2J');
    // One command per line, and the only ] is the one that closes the properties; the injected command is inert.
    expect(line!.match(/\]/g)).toHaveLength(1);
    expect(line!.match(/##vso\[/g)).toHaveLength(1);
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(complete).toBe('##vso[task.complete result=Failed;]');
  });

  it('gitlab keeps the text as it is, in valid JSON (which escapes control characters itself)', () => {
    const [issue] = JSON.parse(reporters.gitlab(hostile, context));
    expect(issue).toEqual({
      description: nasty,
      check_name: 'schema/enum',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'major',
      location: { path: 'docs/casusboek/cases/raar; ]%"naam".yaml', lines: { begin: 4 } },
    });
  });

  it('gitlab fingerprints survive a moved line and tell repeated findings apart', () => {
    const one = (line: number) => ({ file: `${book}/a.yaml`, rule: 'privacy/name', severity: 'warning' as const, message: 'Naam?', line, column: 1, endLine: line, endColumn: 2 });
    const before = JSON.parse(reporters.gitlab({ ...result, messages: [one(3), one(9)] }, context));
    const after = JSON.parse(reporters.gitlab({ ...result, messages: [one(5), one(11)] }, context));
    expect(after.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(before.map((i: { fingerprint: string }) => i.fingerprint));
    expect(new Set(before.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(2);
  });

  it('github, sarif and junit carry the same message safely', () => {
    expect(reporters.github(hostile, context)).toContain('file=docs/casusboek/cases/raar; ]%25"naam".yaml,');
    expect(reporters.github(hostile, context)).toContain('::a;b]c%25d\\r\\n\\u0023#vso[task.complete result=Succeeded;]e "f" \'g\' \\u001b[2J');
    expect(JSON.parse(reporters.sarif(hostile, context)).runs[0].results[0].message.text).toBe(nasty);
    expect(reporters.junit(hostile, context)).toContain('message="a;b]c%d\\r\\n\\u0023#vso[task.complete result=Succeeded;]e &quot;f&quot; &apos;g&apos; \\u001b[2J"');
  });
});

describe('the repository root', () => {
  it('comes from the CI system first, then git, then the current folder', () => {
    const noGit = () => undefined;
    expect(repositoryRoot({ GITHUB_WORKSPACE: '/home/runner/work/x/x' }, '/elsewhere', noGit)).toBe('/home/runner/work/x/x');
    expect(repositoryRoot({ CI_PROJECT_DIR: '/builds/gemeente/casusboek' }, '/builds/gemeente/casusboek/docs', noGit)).toBe('/builds/gemeente/casusboek');
    expect(repositoryRoot({ BUILD_SOURCESDIRECTORY: '/agent/_work/1/s' }, '/x', noGit)).toBe('/agent/_work/1/s');
    expect(repositoryRoot({}, '/repo/docs/casusboek', () => '/repo')).toBe('/repo');
    expect(repositoryRoot({}, '/repo/docs/casusboek', noGit)).toBe('/repo/docs/casusboek');
  });

  it('keeps the path from the current folder for a file outside the repository', () => {
    expect(repositoryPath('/repo', '/repo/docs', '/repo/docs/a.yaml')).toBe('docs/a.yaml');
    expect(repositoryPath('/repo', '/elders', '/elders/a.yaml')).toBe('a.yaml');
  });
});
