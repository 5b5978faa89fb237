/**
 * `casebook serve` against hostile requests and a changing folder (issue 14, item 4): only
 * its own loopback Host names are answered (no DNS rebinding), a malformed request gets 400
 * and the server goes on, and a busy or impossible port or a deleted casebook.yaml get a
 * clear message instead of "report this as a bug".
 */
import { createServer } from 'node:net';
import { connect } from 'node:net';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from '../../src/serve/index.js';
import { caseYaml, makeTree, runInProcess } from '../helpers.js';

/** A raw HTTP/1.1 exchange: the status line of the answer. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
    socket.write(request);
    setTimeout(() => socket.end(), 500);
  });
}

describe('serve', () => {
  let dir: string;
  let served: Served;
  let port: number;
  const log: string[] = [];

  beforeAll(async () => {
    dir = makeTree({ 'casebook.yaml': 'title: Live\n', 'cases/a.yaml': caseYaml({ title: 'Een geheime conceptcasus' }) });
    served = await serve({ cwd: dir, port: 0, log: (line) => log.push(line) });
    port = Number(new URL(served.url).port);
  });
  afterAll(() => served?.close());

  it.each([
    ['127.0.0.1', 200], ['localhost', 200], ['LOCALHOST', 200], ['[::1]', 200],
    ['evil.example', 400], ['127.0.0.1.nip.io', 400], ['localhost:1', 400], ['', 400],
  ] as const)('Host: %s → %i', async (host, status) => {
    const header = host === '' ? '' : `Host: ${host.includes(':') && !host.startsWith('[') ? host : `${host}:${port}`}\r\n`;
    const line = await raw(port, `GET / HTTP/1.1\r\n${header}Connection: close\r\n\r\n`);
    expect(line).toBe(`HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Bad Request'}`);
  });

  it('the event stream is refused to a foreign Host too', async () => {
    expect(await raw(port, `GET /__casebook/events HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
  });

  it('a malformed request target gets 400, and the server goes on', async () => {
    expect(await raw(port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 200 OK');
  });

  it('the terminal line says the build is clean, or counts the warnings and names where to read them', async () => {
    expect(log.some((line) => /^Gebouwd: 1 casus in \d+ ms\.$/.test(line))).toBe(true);
    const warned = makeTree({ 'casebook.yaml': 'title: Live\n', 'cases/a.yaml': caseYaml({ situation: 'Beschrijf hier de situatie.' }) });
    const lines: string[] = [];
    const other = await serve({ cwd: warned, port: 0, log: (line) => lines.push(line) });
    try {
      expect(lines.find((line) => line.startsWith('Gebouwd:'))).toMatch(/^Gebouwd: 1 casus in \d+ ms \(1 waarschuwing: casebook validate toont ze\)\.$/);
    } finally {
      other.close();
    }
  });

  it('casebook.yaml deleted while serving: a clear message, and no casebook.yaml from a folder above', async () => {
    const parent = makeTree({ 'casebook.yaml': 'title: Het grotere boek erboven\n', 'boek/casebook.yaml': 'title: Live\n', 'boek/cases/a.yaml': caseYaml() });
    const lines: string[] = [];
    const inner = await serve({ cwd: path.join(parent, 'boek'), port: 0, log: (line) => lines.push(line) });
    try {
      rmSync(path.join(parent, 'boek', 'casebook.yaml'));
      const state = await inner.rebuild([path.join(parent, 'boek', 'casebook.yaml')]);
      expect(state.errors).toBe(1);
      expect(state.html).toContain('bestaat niet');
      expect(state.html).not.toContain('Het grotere boek');
      expect(lines.join('\n')).toMatch(/Het casusboek .*casebook\.yaml bestaat niet/);
      expect(lines.join('\n')).not.toContain('Meld dit als fout');
    } finally {
      await inner.close();
    }
  });

  it('a port in use and a port out of range get a clear message, exit 2', async () => {
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => busy.once('listening', resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      const inUse = await runInProcess(['serve', '--port', String(taken)], { cwd: dir });
      expect(inUse.code).toBe(2);
      expect(inUse.stderr).toContain(`casebook: Poort ${taken} is al in gebruik, misschien door een andere casebook serve. Stop die, of kies een andere poort met --port.\n`);
      expect(inUse.stderr).not.toContain("Meld dit als fout");
    } finally {
      busy.close();
    }
    const outOfRange = await runInProcess(['serve', '--port', '70000'], { cwd: dir });
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr).toContain('Poort 70000 bestaat niet');
  });
});
