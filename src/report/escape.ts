/**
 * User text (case keys and values, file names, settings) is printed into terminals and CI
 * logs, and both act on what they print: ESC starts colours, cursor moves and OSC 52 (which
 * writes the clipboard); a line that starts with `::` is a GitHub Actions workflow command
 * (`::add-mask::`, `::stop-commands::`), `##vso[` anywhere in a line an Azure Pipelines
 * logging command, ESC[0K a GitLab section. Every reporter that writes text passes user text
 * through `escapeText`, so no user text carries a control character or starts a line.
 * (JSON and SARIF escape control characters themselves; XML still needs this.)
 */

/** C0 controls except tab, DEL, C1 controls, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

const escapeOne = (ch: string): string => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` with every control character and line break shown as an escape (`\n`, `\r`,
 * `\u001b`), the Azure command prefixes `##vso[` and `##[` broken, and a leading `::` (or
 * `##`) escaped, so the result is one inert line wherever it is printed.
 */
export function escapeText(text: string): string {
  let out = text.replace(CONTROL, escapeOne).replace(/##(vso)?\[/gi, (found) => `\\u0023${found.slice(1)}`);
  const start = out.length - out.trimStart().length;
  if (out.startsWith('::', start) || out.startsWith('##', start)) {
    out = `${out.slice(0, start)}\\u${out.charCodeAt(start).toString(16).padStart(4, '0')}${out.slice(start + 1)}`;
  }
  return out;
}

/**
 * A source line for a code frame: each control character becomes one visible symbol of
 * the same width (␛ for ESC, ␍ for CR, � for the rest) and the `#` of `##vso[` a ♯, so the
 * columns under the line stay right.
 */
export function escapeSourceLine(line: string): string {
  return line
    .replace(CONTROL, (ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return '\u2421';
      return '\ufffd';
    })
    .replace(/##(vso)?\[/gi, (found) => `\u266f${found.slice(1)}`);
}

/**
 * Text that may span lines (a description, a provenance note): each line escaped as by
 * `escapeText`, the line breaks kept.
 */
export function escapeLines(text: string): string {
  return text.split(/\r?\n/).map(escapeText).join('\n');
}

/** ANSI SGR (colour and style), the only escape sequence casebook writes itself. */
const STRAY_CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * The last guard on the way to a terminal or log: any control character but tab, line
 * feed and casebook's own colours is shown as an escape. Reporters escape user text
 * themselves; this catches what a new message or command forgets.
 */
export function escapeStray(text: string): string {
  return text.replace(STRAY_CONTROL, (found) => (found.length > 1 ? found : escapeOne(found)));
}
