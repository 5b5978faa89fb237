/** The default report: grouped by file, each message with a code frame, then a summary. */
import { codeFrameColumns } from '@babel/code-frame';
import { plural, t } from '../i18n/index.js';
import type { Message } from '../types.js';
import { styles } from './color.js';
import type { Reporter } from './types.js';
import { groupByFile, mask, relativePath } from './util.js';

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

export function summaryLine(result: { files: number; errors: number; warnings: number }, lang: 'nl' | 'en'): string {
  const files = plural(lang, 'report.files', result.files);
  const problems = result.errors + result.warnings;
  if (problems === 0) return t(lang, 'report.summary.clean', { files });
  return t(lang, 'report.summary.problems', {
    problems: plural(lang, 'report.problems', problems),
    errors: plural(lang, 'report.errors', result.errors),
    warnings: plural(lang, 'report.warnings', result.warnings),
    files,
  });
}

export const stylish: Reporter = (result, context) => {
  const s = styles(context.color);
  const out: string[] = [];
  const visible = result.messages.filter((m) => !m.suppressed);
  for (const [file, messages] of groupByFile(visible)) {
    out.push(s.underline(relativePath(context.cwd, file)));
    const source = context.sources.get(file);
    const frameSource = source === undefined ? undefined : maskedSource(source, result.messages.filter((m) => m.file === file));
    for (const m of messages) {
      const label = t(context.lang, `report.severity.${m.severity}`);
      const severity = m.severity === 'error' ? s.red(label) : m.severity === 'warning' ? s.yellow(label) : s.blue(label);
      out.push(`  ${s.dim(`${m.line}:${m.column}`)}  ${severity}  ${m.message}  ${s.dim(m.rule)}`);
      // A corrected line (not a "bedoelde je" the message already names) gets its own line.
      if (m.suggestion !== undefined && !m.message.includes(`'${m.suggestion}'`)) {
        out.push(`    ${s.bold(t(context.lang, 'report.fix', { suggestion: m.suggestion }))}`);
      }
      if (frameSource !== undefined && m.line >= 1) {
        const sameLine = m.endLine === m.line && m.endColumn > m.column;
        const frame = codeFrameColumns(
          frameSource,
          { start: { line: m.line, column: m.column }, ...(sameLine ? { end: { line: m.endLine, column: m.endColumn } } : {}) },
          { highlightCode: false, forceColor: false, linesAbove: 1, linesBelow: 1 },
        );
        out.push(frame.split('\n').map((line) => '    ' + (context.color ? s.dim(line) : line)).join('\n'));
      }
    }
    out.push('');
  }
  const summary = summaryLine(result, context.lang);
  const mark = result.errors > 0 ? s.red('✖') : result.warnings > 0 ? s.yellow('⚠') : '✔';
  const suppressed = result.messages.length - visible.length;
  out.push(`${mark} ${s.bold(summary)}${suppressed ? s.dim(` (${t(context.lang, 'report.suppressed', { count: suppressed })})`) : ''}`);
  return out.join('\n') + '\n';
};
