/** The default report: grouped by file, each message with a code frame, then a summary. */
import type { codeFrameColumns as CodeFrameColumns } from '@babel/code-frame';
import { createRequire } from 'node:module';
import { plural, t } from '../i18n/index.js';
import type { Message } from '../types.js';
import { styles } from './color.js';
import { escapeSourceLine, escapeText } from './escape.js';
import type { Reporter } from './types.js';
import { mask } from '../privacy/mask.js';
import { groupByFile, relativePath } from './util.js';

/** Messages of one rule in one file shown in full; the rest are counted on one line. Twenty: a
 * hostile file with 10,000 repeats prints a page, while a real case's warnings (a dozen
 * removed tags in one file) are all shown. */
const SHOWN_PER_RULE = 20;
/** Code frame lines are cut to this many characters around the column. */
const FRAME_WIDTH = 100;

/**
 * The lines of a source as the parser counts them (a line ends at LF only), so a frame
 * never shows line breaks the positions do not know about (a lone CR, U+2028).
 */
function sourceLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 && line.endsWith('\r') ? line.slice(0, -1) : line));
}

const require = createRequire(import.meta.url);
let codeFrame: typeof CodeFrameColumns | undefined;
/** @babel/code-frame (with its colours) is loaded the first time a frame is shown: a clean run never needs it. */
const codeFrameColumns: typeof CodeFrameColumns = (...args) =>
  (codeFrame ??= (require('@babel/code-frame') as { codeFrameColumns: typeof CodeFrameColumns }).codeFrameColumns)(...args);

/**
 * The code frame for `m`: the line and one on either side, each cut to a window around the
 * column (a 2 MB one-line value gives a frame of a few lines, not of megabytes), with
 * control characters shown as symbols of the same width.
 */
function frameFor(lines: readonly string[], m: Message): string {
  const from = Math.max(1, m.line - 1);
  const to = Math.min(lines.length, m.line + 1);
  const excerpt = lines.slice(from - 1, to);
  const sameLine = m.endLine === m.line && m.endColumn > m.column;
  let column = m.column;
  let endColumn = sameLine ? m.endColumn : m.column;
  if (excerpt.some((line) => line.length > FRAME_WIDTH)) {
    const left = Math.max(0, m.column - 1 - Math.floor(FRAME_WIDTH / 3));
    for (let i = 0; i < excerpt.length; i++) {
      const line = excerpt[i]!;
      const cut = line.slice(left, left + FRAME_WIDTH);
      excerpt[i] = (left > 0 && line.length > 0 ? '…' : '') + cut + (line.length > left + FRAME_WIDTH ? '…' : '');
    }
    const shift = left > 0 ? left - 1 : 0;
    column -= shift;
    endColumn = Math.min(endColumn - shift, FRAME_WIDTH + 2);
  }
  return codeFrameColumns(
    excerpt.map(escapeSourceLine).join('\n'),
    { start: { line: m.line, column }, ...(endColumn > column ? { end: { line: m.line, column: endColumn } } : {}) },
    // startLine numbers the excerpt as in the file (in @babel/code-frame since 7.24; not in its types).
    { highlightCode: false, forceColor: false, linesAbove: 1, linesBelow: 1, startLine: from } as Parameters<typeof CodeFrameColumns>[2],
  );
}

/**
 * The source with every flagged personal identifier masked, so that a code frame never
 * shows what the privacy rules found.
 */
function maskedSource(text: string, messages: readonly Message[]): string {
  const flagged = messages.filter((m) => m.rule.startsWith('privacy/') && !m.suppressed && (m.endLine > m.line || m.endColumn > m.column));
  if (flagged.length === 0) return text;
  const lines = text.split('\n');
  for (const m of flagged) {
    // A name or number can wrap across lines in a block of text: mask each line's part.
    for (let number = m.line; number <= m.endLine; number++) {
      const line = lines[number - 1];
      if (line === undefined) continue;
      const from = number === m.line ? m.column - 1 : line.length - line.trimStart().length;
      const to = number === m.endLine ? m.endColumn - 1 : line.length;
      lines[number - 1] = line.slice(0, from) + mask(line.slice(from, to)) + line.slice(to);
    }
  }
  return lines.join('\n');
}

/**
 * `✖ 14 problemen (0 fouten, 14 waarschuwingen) in 1 van 2 bestanden.`: `filesWithProblems`
 * (when known) keeps "in 2 bestanden" from reading as if both files had problems.
 */
export function summaryLine(result: { files: number; errors: number; warnings: number }, lang: 'nl' | 'en', filesWithProblems = result.files): string {
  const files = plural(lang, 'report.files', result.files);
  const problems = result.errors + result.warnings;
  if (problems === 0) return t(lang, 'report.summary.clean', { files });
  const some = filesWithProblems > 0 && filesWithProblems < result.files;
  return t(lang, some ? 'report.summary.problemsIn' : 'report.summary.problems', {
    problems: plural(lang, 'report.problems', problems),
    errors: plural(lang, 'report.errors', result.errors),
    warnings: plural(lang, 'report.warnings', result.warnings),
    files,
    some: filesWithProblems,
  });
}

export const stylish: Reporter = (result, context) => {
  const s = styles(context.color);
  const out: string[] = [];
  const visible = result.messages.filter((m) => !m.suppressed);
  for (const [file, messages] of groupByFile(visible)) {
    out.push(s.underline(escapeText(relativePath(context.cwd, file))));
    const source = context.sources.get(file);
    const lines = source === undefined ? undefined : sourceLines(maskedSource(source, result.messages.filter((m) => m.file === file)));
    const perRule = new Map<string, number>();
    for (const m of messages) {
      const seen = (perRule.get(m.rule) ?? 0) + 1;
      perRule.set(m.rule, seen);
      if (seen > SHOWN_PER_RULE) continue;
      const label = t(context.lang, `report.severity.${m.severity}`);
      const severity = m.severity === 'error' ? s.red(label) : m.severity === 'warning' ? s.yellow(label) : s.blue(label);
      out.push(`  ${s.dim(`${m.line}:${m.column}`)}  ${severity}  ${escapeText(m.message)}  ${s.dim(escapeText(m.rule))}`);
      // A corrected line (not a "bedoelde je" the message already names) gets its own line.
      if (m.suggestion !== undefined && !m.message.includes(`'${m.suggestion}'`)) {
        out.push(`    ${s.bold(escapeText(t(context.lang, 'report.fix', { suggestion: m.suggestion })))}`);
      }
      if (lines !== undefined && m.line >= 1 && m.line <= lines.length) {
        const frame = frameFor(lines, m);
        out.push(frame.split('\n').map((line) => '    ' + (context.color ? s.dim(line) : line)).join('\n'));
      }
    }
    for (const [rule, count] of perRule) {
      if (count > SHOWN_PER_RULE) {
        const more = (count - SHOWN_PER_RULE).toLocaleString(context.lang === 'en' ? 'en-GB' : 'nl-NL');
        out.push(`  ${s.dim(t(context.lang, 'report.more', { count: more, rule: escapeText(rule) }))}`);
      }
    }
    out.push('');
  }
  const summary = summaryLine(result, context.lang, new Set(visible.map((m) => m.file)).size);
  const mark = result.errors > 0 ? s.red('✖') : result.warnings > 0 ? s.yellow('⚠') : '✔';
  const suppressed = result.messages.length - visible.length;
  out.push(`${mark} ${s.bold(summary)}${suppressed ? s.dim(` (${t(context.lang, 'report.suppressed', { count: suppressed })})`) : ''}`);
  return out.join('\n') + '\n';
};
