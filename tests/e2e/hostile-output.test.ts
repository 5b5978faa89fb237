/**
 * Hostile text in cases and settings reaches terminals and CI logs inert: no raw control
 * character, and no user text at the start of a line where GitHub Actions or Azure
 * Pipelines would run it as a command (issue 14, item 3).
 */
import { describe, expect, it } from 'vitest';
import { caseYaml, makeTree, runInProcess } from '../helpers.js';

const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;
const COMMAND_LINE = /^\s*(::|##)/;

/** A case whose key, values and text carry workflow commands, ESC and OSC 52 (clipboard). */
const injected = [
  'title: "Titel\\n::stop-commands::abc"',
  'status: draft',
  'domains: ["wmo\\n::add-mask::geheim", "jeugd\\u001b]52;c;ZWNobyBoaQ==\\u0007"]',
  'situation: "Een inwoner\\r\\n::error file=casebook.yaml,line=1::nep\\u001b[2J"',
  'dilemma: "Wat doen we?\\n##vso[task.setvariable variable=PATH]/tmp"',
  '"x-\\n::warning::sleutel": 1',
  '"on\\u001b[31mbekend\\n::notice::x": 2',
  '',
].join('\n');

describe('injection into CI logs and terminals', () => {
  const dir = makeTree({
    'casebook.yaml': 'title: "Boek\\u001b]0;titel\\u0007\\n::add-mask::x"\n',
    'cases/boos.yaml': injected,
    'cases/goed.yaml': caseYaml(),
  });

  it.each([
    ['stylish', [] as string[], {}],
    ['github (GITHUB_ACTIONS=true, the default there)', [], { GITHUB_ACTIONS: 'true' }],
    ['junit', ['--format', 'junit'], {}],
    ['sarif', ['--format', 'sarif'], {}],
    ['json', ['--format', 'json'], {}],
  ])('validate, %s', async (_name, args, env) => {
    const result = await runInProcess(['validate', ...args], { cwd: dir, env });
    expect(result.code).toBe(1);
    const json = JSON.parse((await runInProcess(['validate', '--format', 'json'], { cwd: dir })).stdout) as { messages: unknown[] };
    expect(json.messages.length).toBe(3);
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toMatch(RAW_CONTROL);
      expect(output).not.toMatch(/##vso\[|##\[/i);
      const commands = output.split('\n').filter((line) => COMMAND_LINE.test(line));
      // Only the annotations casebook writes itself, one per message, start with `::`.
      if ('GITHUB_ACTIONS' in env && output === result.stdout) {
        expect(commands).toHaveLength(json.messages.length);
        for (const line of commands) expect(line).toMatch(/^::(error|warning|notice) file=cases\/boos\.yaml,line=\d+,/);
      } else {
        expect(commands).toEqual([]);
      }
    }
  });

  it.each([['tag'], ['stats'], ['values'], ['tag', '--format', 'json'], ['stats', '--format', 'json']])('%s', async (...args) => {
    const result = await runInProcess(args, { cwd: dir });
    expect(result.stdout).not.toBe('');
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toMatch(RAW_CONTROL);
      expect(output.split('\n').filter((line) => COMMAND_LINE.test(line))).toEqual([]);
    }
  });
});
