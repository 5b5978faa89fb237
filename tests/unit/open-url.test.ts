import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openCommand, openUrl } from '../../src/cli/open-url.js';

const url = 'http://127.0.0.1:4173/';

describe('serve --open', () => {
  it('opens the address with each system\'s own program, without a shell', () => {
    expect(openCommand(url, 'win32')).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] });
    expect(openCommand(url, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(openCommand(url, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
  });

  it('does not wait for the browser, and says so when there is nothing to open it with', async () => {
    const spawned: Array<{ command: string; args: string[]; detached: boolean }> = [];
    const child = Object.assign(new EventEmitter(), { unref: () => undefined });
    const errors: string[] = [];
    openUrl(url, (detail) => errors.push(detail), 'linux', (command, args, options) => {
      spawned.push({ command, args, detached: options.detached });
      return child;
    });
    expect(spawned).toEqual([{ command: 'xdg-open', args: [url], detached: true }]);
    child.emit('error', new Error('spawn xdg-open ENOENT'));
    expect(errors).toEqual(['spawn xdg-open ENOENT']);
    // A program that cannot be started at all (thrown, not emitted) is reported the same way.
    openUrl(url, (detail) => errors.push(detail), 'win32', () => { throw new Error('EACCES'); });
    expect(errors).toEqual(['spawn xdg-open ENOENT', 'EACCES']);
  });
});
