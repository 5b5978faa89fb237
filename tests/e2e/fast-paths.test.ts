/**
 * The fast paths change no output. On 2,000 generated cases (the benchmark's corpus, written
 * the way people write cases), `casebook tag --format json` and `casebook validate --format
 * json` print exactly what the plain pipeline gives: every file read through the yaml
 * Document (no quick path, no node trees), loaded whole, then tagged or validated. The
 * validate corpus has mistakes planted in it (syntax, schema, privacy, across files), so the
 * positions of messages are compared too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCasebook } from '../../bench/generate.mjs';
import { runCli } from '../../src/cli/main.js';
import { collectCaseFiles } from '../../src/load/files.js';
import { caseId, loadCasebook } from '../../src/load/index.js';
import { readSource } from '../../src/load/parse.js';
import { reporters } from '../../src/report/index.js';
import { tagCasebook } from '../../src/tag/index.js';
import { tagJson } from '../../src/report/tag.js';
import type { CaseFile } from '../../src/types.js';
import { validate } from '../../src/validate/index.js';

const CASES = 2000;
let dir: string;

/** The CLI in this process; returns what it printed. */
async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io = {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: () => true },
    env: { NO_COLOR: '1' },
    cwd: dir,
  };
  const code = await runCli(args, io);
  return { code, stdout };
}

/** The casebook as the plain pipeline reads it: every file through the yaml Document. */
async function plainCasebook() {
  const probe = await loadCasebook({ cwd: dir, reuse: new Map() });
  const { files } = await collectCaseFiles(probe.config.cases, probe.config.root, probe.config.root, probe.config.language);
  const reuse = new Map<string, CaseFile>();
  for (const file of files) {
    const source = readSource(file, { lang: probe.config.language, quick: false });
    reuse.set(file, Object.assign(source, { id: caseId(source) }));
  }
  return loadCasebook({ cwd: dir, reuse });
}

/** Mistakes people make, planted in every fiftieth file. */
function plantMistakes(): void {
  const mistakes: Array<(text: string) => string> = [
    (text) => text.replace(/^domains: \[/m, 'domains: [wmoo, '),
    (text) => text.replace(/^dilemma:/m, 'dilema:'),
    (text) => text.replace(/^situation: [|>]-?\n/m, '$&  Haar BSN is 111222333 en haar telefoon 06-12345678.\n\n'),
    (text) => text.replace(/^status: .*$/m, 'status: published\nstatus: draft'),
    (text) => text.replace(/^related: \[/m, 'related: [bestaat-niet, '),
    (text) => text.replace(/^title: /m, 'title: [onafgesloten\n'),
    (text) => text.replace(/^id: .*$/m, 'id: 01-huishoudelijke-hulp-na-heupbreuk-0'),
  ];
  const { files } = { files: generatedFiles() };
  files.forEach((file, i) => {
    if (i % 50 !== 0) return;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, mistakes[(i / 50) % mistakes.length]!(text));
  });
}

function generatedFiles(): string[] {
  return (JSON.parse(readFileSync(path.join(dir, 'files.json'), 'utf8')) as string[]).map((f) => path.join(dir, f));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'casebook-fast-paths-'));
  generateCasebook(dir, CASES);
  const probe = await loadCasebook({ cwd: dir });
  writeFileSync(path.join(dir, 'files.json'), JSON.stringify(probe.cases.map((c) => path.relative(dir, c.path))));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the fast paths on 2,000 cases', () => {
  it('tag --format json prints what tagging the plainly read casebook gives', async () => {
    const fast = await cli(['tag', '--format', 'json']);
    expect(fast.code).toBe(0);
    const casebook = await plainCasebook();
    expect(fast.stdout).toBe(tagJson(tagCasebook(casebook), dir));
    const parsed = JSON.parse(fast.stdout) as Array<{ suggestions: Array<{ evidence: unknown[] }> }>;
    expect(parsed).toHaveLength(CASES);
    expect(parsed.flatMap((c) => c.suggestions.flatMap((s) => s.evidence)).length).toBeGreaterThan(CASES * 5);
  }, 180_000);

  it('validate --format json prints what validating the plainly read casebook gives, mistakes and positions included', async () => {
    plantMistakes();
    const fast = await cli(['validate', '--format', 'json']);
    expect(fast.code).toBe(1);
    const casebook = await plainCasebook();
    const result = validate(casebook);
    expect(fast.stdout).toBe(reporters.json(result, { cwd: dir, lang: casebook.config.language, color: false } as Parameters<typeof reporters.json>[1]));
    const rules = new Set(result.messages.map((m) => m.rule.split('/')[0]));
    // Syntax, schema, privacy and the checks across files all had something to say.
    expect([...rules].sort()).toEqual(expect.arrayContaining(['casebook', 'privacy', 'schema', 'yaml']));
  }, 180_000);
});
