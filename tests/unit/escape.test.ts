import { describe, expect, it } from 'vitest';
import { escapeLines, escapeSourceLine, escapeStray, escapeText } from '../../src/report/escape.js';

describe('escapeText', () => {
  it('shows line breaks and control characters as escapes', () => {
    expect(escapeText('a\nb\r\nc')).toBe('a\\nb\\r\\nc');
    expect(escapeText('x\u001b]52;c;SGVsbG8=\u0007y')).toBe('x\\u001b]52;c;SGVsbG8=\\u0007y');
    expect(escapeText('\u009b2J \u2028 \u007f')).toBe('\\u009b2J \\u2028 \\u007f');
    expect(escapeText('tab\there, café ✓')).toBe('tab\there, café ✓');
  });

  it('never lets user text start a line with a workflow command', () => {
    expect(escapeText('x\n::add-mask::geheim')).toBe('x\\n::add-mask::geheim');
    expect(escapeText('::stop-commands::t')).toBe('\\u003a:stop-commands::t');
    expect(escapeText('  ##[error]boos')).toBe('  \\u0023#[error]boos');
    expect(escapeText('zie ##vso[task.setvariable variable=PATH]x')).toBe('zie \\u0023#vso[task.setvariable variable=PATH]x');
  });

  it('escapeLines keeps line breaks but escapes each line', () => {
    expect(escapeLines('een\r\n::warning::twee\n\u001b[2J')).toBe('een\n\\u003a:warning::twee\n\\u001b[2J');
  });

  it('escapeSourceLine keeps the width: one symbol per control character', () => {
    const line = 'a\u001b[2J\rb ##vso[x]';
    const shown = escapeSourceLine(line);
    expect([...shown]).toHaveLength(line.length);
    expect(shown).toBe('a␛[2J␍b ♯#vso[x]');
  });

  it('escapeStray lets casebook\'s own colours through and nothing else', () => {
    expect(escapeStray('\u001b[31mfout\u001b[39m\n\tx')).toBe('\u001b[31mfout\u001b[39m\n\tx');
    expect(escapeStray('\u001b]52;c;eA==\u0007 \u001b[2J \r')).toBe('\\u001b]52;c;eA==\\u0007 \\u001b[2J \\r');
  });
});
