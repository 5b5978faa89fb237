/**
 * The README is what a new user trusts: the commands and flags it shows must exist, its links
 * must lead somewhere, and every rule a message can name is in its rules table (a `rules:`
 * name casebook does not know points people there).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/validate/index.js';
import { repoRoot, runInProcess } from '../helpers.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** Rule ids with a description in data/messages/en; internal ones never reach a person. */
function describedRules(): string[] {
  const ids = new Set(allRules.map((rule) => rule.id));
  for (const file of ['core.yaml', 'render.yaml', 'privacy.yaml']) {
    const data = parse(readFileSync(path.join(repoRoot, 'data', 'messages', 'en', file), 'utf8')) as { rules?: Record<string, string> };
    for (const id of Object.keys(data.rules ?? {})) ids.add(id);
  }
  // load/no-cases has a description but no code reports it.
  return [...ids].filter((id) => !id.startsWith('internal/') && id !== 'load/no-cases').sort();
}

/** `casebook <command> …` lines of the README's shell blocks, comments cut off. */
function shownCommands(): string[][] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .filter((line) => line.startsWith('casebook '))
    .map((line) => line.split(/\s+/).slice(1));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');

describe('the README', () => {
  it('links only to headings that exist', () => {
    const prose = readme.replace(/```[\s\S]*?```/g, '');
    const anchors = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
    const links = [...prose.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });

  it('lists every rule id a message can name', () => {
    const rules = describedRules();
    expect(rules.length).toBeGreaterThan(40);
    expect(rules.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });

  it('shows only commands and flags that exist', async () => {
    const commands = shownCommands();
    expect(commands.length).toBeGreaterThan(15);
    const global = (await runInProcess(['--help', '--lang', 'en'], { cwd: repoRoot })).stdout;
    const helps = new Map<string, string>();
    const unknown: string[] = [];
    for (const [command, ...args] of commands) {
      if (!helps.has(command!)) helps.set(command!, (await runInProcess([command!, '--help', '--lang', 'en'], { cwd: repoRoot })).stdout);
      const help = helps.get(command!)!;
      expect(help, command).toContain(`Usage: casebook ${command}`);
      for (const flag of args.filter((arg) => arg.startsWith('-'))) {
        const name = flag.split('=')[0]!;
        if (!new RegExp(`(^|[\\s,])${name}\\b`, 'm').test(help + global)) unknown.push(`casebook ${command} ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
