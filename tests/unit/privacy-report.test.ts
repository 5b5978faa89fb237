/**
 * No report shows a full identifier, in any format: messages are masked by the rules,
 * and the stylish code frame masks the flagged text in the source, also when it wraps
 * across lines. CI logs are kept and shared.
 */
import { describe, expect, it } from 'vitest';
import { reportContext } from '../../src/cli/commands/validate.js';
import type { Io } from '../../src/cli/io.js';
import { loadCasebook } from '../../src/load/index.js';
import { reporters, formats } from '../../src/report/index.js';
import { validate } from '../../src/validate/index.js';
import { makeTree } from '../helpers.js';

const caseText = [
  'title: Een casus om te testen',
  'domains: [wmo]',
  'situation: >',
  '  Het BSN van mevrouw is 926851974. Daarna belde mevrouw',
  '  Jansen vanaf 06-48213957 over haar rekening NL75 ABNA 1235 1199 98.',
  'dilemma: Wat doen we met j.jansen1958@hotmail.com?',
  '',
].join('\n');
const identifiers = ['926851974', 'Jansen', '06-48213957', 'NL75 ABNA 1235 1199 98', 'ABNA', 'j.jansen1958@hotmail.com', 'jansen1958'];

async function report(format: (typeof formats)[number]) {
  const dir = makeTree({ 'casebook.yaml': 'title: Test\n', 'cases/a.yaml': caseText });
  const casebook = await loadCasebook({ cwd: dir });
  const result = validate(casebook);
  const io = { cwd: dir, env: {} } as Io;
  return { result, text: reporters[format](result, reportContext(casebook, io, 'nl', false)) };
}

describe('masking in reports', () => {
  it('finds all five identifiers', async () => {
    const { result } = await report('json');
    expect(result.messages.map((m) => `${m.rule} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`)).toEqual([
      'privacy/bsn 4:26-4:35',
      'privacy/name 4:50-5:9',
      'privacy/phone 5:16-5:27',
      'privacy/iban 5:47-5:69',
      'privacy/email 6:26-6:50',
    ]);
  });

  for (const format of formats) {
    it(`${format} never shows a full identifier`, async () => {
      const { text } = await report(format);
      for (const id of identifiers) expect(text).not.toContain(id);
      expect(text).toContain('926******');
      expect(text).toContain('mevrouw Ja****');
    });
  }

  it('stylish masks the code frame, also where a name wraps to the next line', async () => {
    const { text } = await report('stylish');
    expect(text).toContain('    > 4 |   Het BSN van mevrouw is 926******. Daarna belde mev****\n');
    expect(text).toContain('      5 |   Ja**** vanaf 06-4******* over haar rekening NL75 **** **** **** **.\n');
  });
});
