/**
 * Nothing in a casebook makes casebook touch the network (issue 14, item 5): a template that
 * preconnects, prefetches DNS, frames or links to a remote address gets a warning at its
 * line, and the browser that prints the PDF sends not even a DNS query. Watched with strace
 * on every process of the build: a connect() to port 53 is a DNS query.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseYaml, cliPath, makeTree, testEnv } from '../helpers.js';

const hasStrace = spawnSync('strace', ['-V']).status === 0;

const head = [
  '<link rel="preconnect" href="https://fonts.example.org">',
  '<link rel="dns-prefetch" href="//cdn.example.net">',
  '<link rel="stylesheet" href="https://cdn.example.net/x.css">',
  '<style>@import "https://style.example.com/y.css"; body { background: url(https://img.example.com/z.png) }</style>',
].join('\n');

describe('network from templates', () => {
  it.skipIf(!hasStrace)('a PDF build sends no DNS query, and warns at each template line that asked', () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\ntemplates: sjablonen\n',
      'cases/a.yaml': caseYaml({ status: 'published', values: '[maatwerk]' }),
      'sjablonen/partials/head.hbs': head + '\n',
      'sjablonen/partials/colophon.hbs': '<section id="{{anchors.colophon}}"><iframe src="https://frame.example.org/"></iframe><img src="http://pixel.example.com/p.gif"></section>\n',
    });
    const trace = path.join(dir, 'strace.txt');
    const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=connect,sendto,sendmsg,sendmmsg', '-o', trace, process.execPath, cliPath, 'build', '--format', 'pdf'], {
      cwd: dir, encoding: 'utf8', timeout: 120_000, env: testEnv(),
    });
    expect(run.status).toBe(0);
    const calls = readFileSync(trace, 'utf8');
    expect(calls).toMatch(/connect\(/); // the trace did see the browser's sockets
    expect(calls.split('\n').filter((line) => /htons\(53\)/.test(line))).toEqual([]);
    // Each address, at its template and line.
    const warnings = [...run.stdout.matchAll(/^  (\d+):(\d+)  waarschuwing  Dit sjabloon vraagt (\S+) op internet op/gm)].map((m) => `${m[1]} ${m[3]}`);
    expect(warnings).toEqual([
      '1 https://frame.example.org/', '1 http://pixel.example.com/p.gif',
      '1 https://fonts.example.org', '2 //cdn.example.net', '3 https://cdn.example.net/x.css', '4 https://style.example.com/y.css', '4 https://img.example.com/z.png',
    ]);
    expect(run.stdout).toMatch(/sjablonen\/partials\/colophon\.hbs\n[\s\S]*sjablonen\/partials\/head\.hbs\n/);
  });
});
