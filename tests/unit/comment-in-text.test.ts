/**
 * casebook/comment-in-text looks for a `#` after a space or a tab before it walks a case
 * (hasSpacedHash): a `#` after a tab cuts text off as one after a space does, and a `#` glued
 * to a word earlier on the line must not hide one after a space later in the text.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCasebook } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';
import { caseYaml, makeTree } from '../helpers.js';

async function commentFindings(cases: Record<string, string>): Promise<string[]> {
  const dir = makeTree({ 'casebook.yaml': 'title: Test\n', ...Object.fromEntries(Object.entries(cases).map(([name, text]) => [`cases/${name}`, text])) });
  const casebook = await loadCasebook({ casebook: dir, lang: 'nl' });
  const result = validate(casebook, { lang: 'nl' });
  return result.messages.filter((m) => m.rule === 'casebook/comment-in-text').map((m) => `${path.basename(m.file)} ${m.line} ${m.path}`);
}

describe('casebook/comment-in-text: which # is looked at', () => {
  it('finds a # after a tab, after a # glued to a word, and none where every # is glued', async () => {
    expect(await commentFindings({
      'tab.yaml': caseYaml({ summary: 'Casus\t#3 uit het teamoverleg.' }),
      'glued-first.yaml': caseYaml({ title: 'Casus#1 van het team', summary: 'Casus #3 uit het teamoverleg.' }),
      'glued-only.yaml': caseYaml({ title: 'Casus#1 van het team', summary: 'Casus#3 uit het teamoverleg.' }),
      'at-start.yaml': `#hoofd\n${caseYaml({ summary: 'Casus #4 uit het overleg.' })}`,
    })).toEqual([
      'at-start.yaml 7 /summary',
      'glued-first.yaml 6 /summary',
      'tab.yaml 6 /summary',
    ]);
  });
});
